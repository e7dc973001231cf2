// The SIMD module in a real browser (headless Chromium), through the same glue code as in Node
// (src/wasm/*.ts, transpiled on the fly and served from a routed origin: nothing is built or
// fetched from the network). The page is cross-origin isolated, so the shared-memory variant
// (tfjs's threaded build) runs too.
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const ORIGIN = 'https://mixzoo.test';
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** src/wasm/<name>.ts as a browser ES module. */
function moduleSource(name: string): string {
  const source = readFileSync(new URL(`../../src/wasm/${name}.ts`, import.meta.url), 'utf8');
  return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText;
}

/** Runs in the page: mixLerp and maskBlend drivers on a plain and a shared memory vs a float64 loop. */
const PAGE_CHECK = `(async () => {
  const { heapKernels } = await import('/wasm/instance.js');
  const { heapLerp } = await import('/wasm/lerp.js');
  const { heapMaskBlend } = await import('/wasm/mask-blend.js');
  const results = { isolated: crossOriginIsolated };
  for (const shared of [false, true]) {
    const memory = new WebAssembly.Memory({ initial: 4, maximum: 64, shared });
    const k = heapKernels(memory);
    if (k === null) { results[shared] = 'no kernels'; continue; }
    const [batch, size, channels] = [3, 15, 3];
    const f = new Float32Array(memory.buffer);
    const [out, a, m, out2] = [1032, 2056, 3080, 4104]; // ≡ 8 (mod 16)
    for (let e = 0; e < batch * size; e++) f[a / 4 + e] = Math.sin(e);
    for (let p = 0; p < batch * size / channels; p++) f[m / 4 + p] = [0, 1, 0.3, 0.8][p % 4];
    const partner = Int32Array.of(2, 0, 1);
    const lambda = Float64Array.of(0.25, 1, 0.6);
    heapLerp(k, { out, a, b: a, int: false }, partner, lambda, size);
    heapMaskBlend(k, { out: out2, a, b: a, int: false }, m, partner, { pixels: size / channels, channels, shared: false });
    let worst = 0;
    for (let i = 0; i < batch; i++) {
      for (let e = 0; e < size; e++) {
        const x = f[a / 4 + i * size + e];
        const y = f[a / 4 + partner[i] * size + e];
        const w = f[m / 4 + i * size / channels + Math.floor(e / channels)];
        worst = Math.max(worst, Math.abs(f[out / 4 + i * size + e] - (lambda[i] * x + (1 - lambda[i]) * y)));
        worst = Math.max(worst, Math.abs(f[out2 / 4 + i * size + e] - (w * x + (1 - w) * y)));
      }
    }
    results[shared] = worst;
  }
  return results;
})()`;

const installed = existsSync(CHROMIUM);
const title = 'mixLerp and maskBlend SIMD kernels run in Chromium on a plain and a shared memory';

describe('the SIMD module in a browser', () => {
  it.skipIf(!installed)(installed ? title : `${title} — SKIPPED: ${CHROMIUM} is absent (Debian: apt-get install chromium)`, { timeout: 120_000 }, async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        const wasm = /^\/wasm\/([\w.-]+)\.js$/.exec(path);
        if (wasm) return route.fulfill({ contentType: 'text/javascript', headers: ISOLATED, body: moduleSource(wasm[1]) });
        return route.fulfill({ contentType: 'text/html', headers: ISOLATED, body: '<!doctype html><title>mixzoo wasm</title>' });
      });
      await page.goto(`${ORIGIN}/index.html`);
      const results = await page.evaluate(PAGE_CHECK);
      expect(results).toMatchObject({ isolated: true });
      const { false: plain, true: shared } = results as Record<string, unknown>;
      expect(plain).toBeLessThan(1e-6);
      expect(shared).toBeLessThan(1e-6);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
