// Headless Chromium for the browser kernel tests and `npm run bench:browser` (plain JS so the
// bench can import it): a Vite build of a page against the packages' src/, a static server, and
// a Chromium launched with the flags that give WebGL2 and WebGPU through SwiftShader.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

/**
 * Debian's chromium in containers: headless, no sandbox, nothing phoning home. WebGL2 comes
 * through SwiftShader with float render targets by default; a WebGPU adapter
 * (google/swiftshader) needs the unsafe-webgpu and Vulkan switches, else requestAdapter() is null.
 */
export const GPU_FLAGS = [
  '--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
  '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = (pkg, entry = 'index') => join(root, 'packages', pkg, 'src', `${entry}.ts`);

/** Vite aliases: every @mixzoo package (and the kernels' GPU subpaths) from src/. */
export function sourceAliases() {
  const pkgs = ['core', 'kernels', 'mixup', 'masks', 'cross-dataset', 'augment'];
  return [
    { find: /^@mixzoo\/kernels\/(webgl|webgpu)$/, replacement: join(root, 'packages/kernels/src/$1/index.ts') },
    ...pkgs.map((p) => ({ find: new RegExp(`^@mixzoo/${p}$`), replacement: src(p) })),
  ];
}

/** Builds the page in `dir` (an index.html) into `outDir` with Vite. */
export async function buildPage(dir, outDir) {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: dir,
    logLevel: 'error',
    resolve: { alias: sourceAliases() },
    build: { outDir, emptyOutDir: true, minify: false, target: 'esnext', reportCompressedSize: false, chunkSizeWarningLimit: 1e9 },
  });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `dir` on 127.0.0.1 (a free port). Resolves to { url, close() }. */
export function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done(undefined))) });
  }));
}

/** Launches headless Chromium with GPU_FLAGS. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: GPU_FLAGS });
}
