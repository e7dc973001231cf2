// Real-browser tests: build a page with Vite (once per test file), serve it on 127.0.0.1, drive
// Debian's chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { InlineConfig } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);
/** Why a browser test skips itself: the only reason it may. */
export const SKIP_REASON = `SKIPPED: ${CHROMIUM} is absent (Debian: apt-get install chromium)`;

/** The flags for Debian's chromium in containers and CI. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** WebGPU through SwiftShader (without these, navigator.gpu exists but has no adapter); WebGL2 needs nothing. */
const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'mixzoo-browser-tests');

let built = false;
/**
 * Compiles the workspace packages (incremental, ~2 s when up to date): pages import them as a user
 * would, through dist/. One build at a time across the test processes (a lock folder; one older
 * than two minutes is left over from a killed run).
 */
function buildPackages(): void {
  if (built) return;
  const lock = join(CACHE, 'tsc.lock');
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 120_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b'], { cwd: ROOT, stdio: 'inherit' });
    built = true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Site {
  dir: string;
  /** Gzip size in bytes of all JavaScript of the site. */
  gzipBytes: number;
}

/** Builds the Vite site `config` into a cache folder named `name` (fresh each call: once per test file). */
export async function buildSite(name: string, config: InlineConfig): Promise<Site> {
  buildPackages();
  const dir = join(CACHE, name);
  const { build } = await import('vite');
  await build({ logLevel: 'warn', ...config, build: { ...config.build, outDir: dir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  return { dir, gzipBytes: jsGzipBytes(dir) };
}

/** Gzip size of every .js file under `dir`. */
export function jsGzipBytes(dir: string): number {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  return files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.bin': 'application/octet-stream', '.png': 'image/png' };

export interface Served {
  url: string;
  /** Paths requested so far, relative to the site. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` over http://127.0.0.1 (a secure context, as WebGPU requires; file:// cannot load modules). */
export async function serve(dir: string): Promise<Served> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = resolve(dir, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (relative(dir, file).startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((done) => server.close(() => done())) };
}

/** Headless chromium, with a WebGPU adapter unless `webgpu` is false. */
export async function launch(webgpu = true): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...(webgpu ? WEBGPU_FLAGS : [])] });
}

/** Console errors, page errors and failed requests of `page`, collected as they happen. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return problems;
}
