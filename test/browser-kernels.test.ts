import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPage, CHROMIUM, chromiumInstalled, launchChromium, serve } from './helpers/chromium.js';
import type { PageReport } from './fixtures/browser-kernels/page.js';

// Every fused kernel on webgl and webgpu (SwiftShader in headless Chromium) against the cpu
// kernel, on the same seeded inputs: one Vite build, one page, all cases batched in one call.

const ALL_OPS = ['maskBlend', 'mixLerp', 'mixLerpK', 'pasteBoxes', 'pastePatches', 'pasteResized', 'remap'];
const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-browser-kernels-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function runPage(): Promise<{ report: PageReport; problems: string[] }> {
  await buildPage(fileURLToPath(new URL('./fixtures/browser-kernels/', import.meta.url)), tmp);
  const server = await serve(tmp);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      // tfjs warns once about the slow synchronous readback the GPU-resident mask check makes.
      if (m.type() === 'error' || (m.type() === 'warning' && /invalid|validation|error/i.test(m.text()))) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => 'kernelSuite' in globalThis);
    const report = await page.evaluate(() => (globalThis as unknown as { kernelSuite(): Promise<PageReport> }).kernelSuite());
    return { report, problems };
  } finally {
    await browser.close();
    await server.close();
  }
}

const title = 'every fused kernel runs as one GPU program on webgl and webgpu and matches the cpu kernel';

describe('GPU kernels in headless Chromium', () => {
  it.skipIf(!chromiumInstalled)(chromiumInstalled ? title : `${title} — SKIPPED: ${CHROMIUM} is absent (Debian: apt-get install chromium)`, { timeout: 180_000 }, async () => {
    const { report, problems } = await runPage();
    expect(problems).toEqual([]);
    expect(report.backends).toEqual({ webgl: null, webgpu: null });
    expect(report.registered).toEqual({ webgl: ALL_OPS, webgpu: ALL_OPS });
    const gpu = report.results.filter((r) => r.backend !== 'cpu');
    expect(report.results.filter((r) => r.backend === 'cpu')).toEqual([]); // the references all ran
    expect(new Set(gpu.map((r) => r.op))).toEqual(new Set(ALL_OPS));
    for (const r of gpu) {
      const where = `${r.backend}: ${r.name}`;
      expect(r.error, where).toBeUndefined();
      expect(r.length, where).toBe(r.refLength);
      expect(r.maxDiff, where).toBeLessThanOrEqual(r.tolerance);
      // The fused path ran, as exactly one mixzoo program per call (none for an empty batch),
      // with no readback, except the value check of a mask that lives only on the GPU (webgl;
      // once: a mask used again, after its upload dropped the CPU copy, is not read again).
      expect({ fused: r.fused, composed: r.composed, programs: r.programs }, where).toEqual({ fused: r.calls, composed: 0, programs: r.refLength > 0 ? r.calls : 0 });
      expect(r.readbacks, where).toBe(r.op === 'maskBlend' && r.resident && r.backend === 'webgl' ? 1 : 0);
      expect({ tensors: r.leakedTensors, data: r.leakedData }, where).toEqual({ tensors: 0, data: 0 });
    }
    expect(gpu.filter((r) => r.backend === 'webgl').length).toBeGreaterThanOrEqual(21);
    expect(gpu.filter((r) => r.backend === 'webgpu').length).toBeGreaterThanOrEqual(23);

    expect(report.errors.map((e) => [e.backend, e.name, e.code])).toEqual([
      ['webgl', 'mask value 1.5', 'E_PLAN'], ['webgl', 'mask value -0.5, GPU-only', 'E_PLAN'], ['webgl', 'soft mask on int32', 'E_DTYPE'],
      ['webgpu', 'mask value 1.5', 'E_PLAN'], ['webgpu', 'soft mask on int32', 'E_DTYPE'],
    ]);
    for (const e of report.errors) {
      expect(e.message).toMatch(/^maskBlend: /);
      expect({ programs: e.programs, tensors: e.leakedTensors, data: e.leakedData }, `${e.backend}: ${e.name}`).toEqual({ programs: 0, tensors: 0, data: 0 });
    }

    // Under a gradient tape: the composed path, and the gradient of Σ mixLerp is right
    // (λ = [0.25, 0.5], partner = [1, 0]: 9 · (0.25 + 0.5) + 9 · (0.5 + 0.75) = 18).
    for (const g of report.gradients) {
      expect({ counts: g.counts, programs: g.programs }, g.backend).toEqual({ counts: { fused: 0, composed: 1 }, programs: 0 });
      expect(g.gradSum).toBeCloseTo(18, 4);
    }
    console.log(`GPU kernels checked on webgl (${report.adapters.webgl}) and webgpu (${report.adapters.webgpu}): ${gpu.length} cases`);
  });
});
