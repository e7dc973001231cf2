// The browser entry of `mixzoo`, bundled by Vite as a user's app would be, in headless Chromium:
// no Node built-in in the bundle, every backend (cpu, wasm, webgl, webgpu), every pixel path of
// mixup, cutmix, fmix, resizemix and the pipeline, labels that match the pixels.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseNodeBuiltins, WASM_FILES } from '../packages/playground/vite-plugins.js';
import { buildSite, chromiumInstalled, launch, ROOT, serve, SKIP_REASON, watchProblems, type Served, type Site } from './helpers/browser.js';

type Mixzoo = typeof import('mixzoo');
const PAGE = join(ROOT, 'test/browser/bundle-page');
/** Gzip budget of the whole bundle: mixzoo, tfjs core/layers/data and the cpu, wasm, webgl and webgpu backends (`npm run bench` checks it too). */
const BUDGET_BYTES = (JSON.parse(readFileSync(join(PAGE, 'budget.json'), 'utf8')) as { gzipKiB: number }).gzipKiB * 1024;

interface Mixed {
  pixels: number[];
  labels: number[];
}
interface PageRun {
  backend: string;
  fused: string[];
  mixed: Record<string, Mixed>;
  leaked: number;
}

/**
 * In the page: a zoo on `backend`, then each strategy and the pipeline on a batch where sample i is
 * the constant image i + 1 with class i, so a sample's mean pixel must equal Σ_k label_k · (k + 1).
 */
function mixOnBackend(backend: string): Promise<PageRun> {
  return (async () => {
    const { createZoo, tf, backendInfo } = (globalThis as unknown as { mixzoo: Mixzoo }).mixzoo;
    const zoo = await createZoo({ seed: 11, backend: backend as 'cpu' });
    const [B, H, W, C] = [6, 9, 7, 3];
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(Float32Array.from({ length: B * H * W * C }, (_, k) => Math.floor(k / (H * W * C)) + 1), [B, H, W, C]);
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
    const mixed: Record<string, Mixed> = {};
    const runs: Record<string, () => { inputs: import('mixzoo').tf.Tensor; labels?: import('mixzoo').tf.Tensor }> = {
      mixup: () => zoo.create('mixup', { alpha: 1 }).mix({ inputs: x, labels: y, numClasses: B }),
      cutmix: () => zoo.create('cutmix', { alpha: 1, mode: 'elem' }).mix({ inputs: x, labels: y, numClasses: B }),
      fmix: () => zoo.create('fmix').mix({ inputs: x, labels: y, numClasses: B }),
      resizemix: () => zoo.create('resizemix').mix({ inputs: x, labels: y, numClasses: B }),
      pipeline: () => zoo.pipeline({ augment: ['flip'], mix: 'cutmix' }).apply({ inputs: x, labels: y, numClasses: B }),
    };
    for (const [name, run] of Object.entries(runs)) {
      const out = run();
      mixed[name] = { pixels: Array.from(await out.inputs.data()), labels: Array.from(await out.labels!.data()) };
      tf.dispose([out.inputs, out.labels!]);
    }
    tf.dispose([x, y]);
    return { backend: tf.getBackend(), fused: backendInfo().fused, mixed, leaked: tf.memory().numTensors - before };
  })();
}

/** Mean pixel of each sample of a [6, 9, 7, 3] batch, and what its label row says it must be. */
function meansAndExpected({ pixels, labels }: Mixed): { mean: number[]; expected: number[] } {
  const size = pixels.length / 6;
  const mean = Array.from({ length: 6 }, (_, i) => pixels.slice(i * size, (i + 1) * size).reduce((s, v) => s + v, 0) / size);
  const expected = Array.from({ length: 6 }, (_, i) => labels.slice(i * 6, (i + 1) * 6).reduce((s, w, k) => s + w * (k + 1), 0));
  return { mean, expected };
}

const title = (what: string) => (chromiumInstalled ? what : `${what} — ${SKIP_REASON}`);

describe.skipIf(!chromiumInstalled)('mixzoo bundled for the browser, in Chromium', () => {
  let site: Site;
  let server: Served;
  let browser: Browser;
  const fresh = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as { mixzoo?: unknown }).mixzoo !== undefined);
    return page;
  };

  beforeAll(async () => {
    site = await buildSite('bundle-page', { root: PAGE, configFile: join(PAGE, 'vite.config.ts') });
    [server, browser] = await Promise.all([serve(site.dir), launch()]);
  }, 180_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as Served | undefined)?.close();
  });

  it(title('bundles with no Node built-in, within the gzip budget'), () => {
    // refuseNodeBuiltins() failed the build otherwise.
    console.log(`browser bundle: ${(site.gzipBytes / 1024).toFixed(0)} KiB gzip (budget ${BUDGET_BYTES / 1024} KiB)`);
    expect(site.gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it(title('mixes on cpu, wasm, webgl and webgpu: labels match pixels, results agree, nothing leaks'), { timeout: 120_000 }, async () => {
    const page = await fresh();
    const problems = watchProblems(page);
    const runs: Record<string, PageRun> = {};
    for (const backend of ['cpu', 'wasm', 'webgl', 'webgpu']) runs[backend] = await page.evaluate(mixOnBackend, backend);
    for (const [backend, run] of Object.entries(runs)) {
      expect(run.backend).toBe(backend);
      expect(run.leaked, backend).toBe(0);
      for (const [name, mixed] of Object.entries(run.mixed)) {
        const { mean, expected } = meansAndExpected(mixed);
        mean.forEach((m, i) => expect(m, `${backend} ${name} sample ${i}`).toBeCloseTo(expected[i], 4));
        // Plans come from the seed, not the backend: every backend gives cpu's pixels.
        const worst = mixed.pixels.reduce((w, v, k) => Math.max(w, Math.abs(v - runs.cpu.mixed[name].pixels[k])), 0);
        expect(worst, `${backend} ${name} vs cpu`).toBeLessThanOrEqual(1e-5);
        expect(mixed.labels).toEqual(runs.cpu.mixed[name].labels.map((v) => expect.closeTo(v, 6)));
      }
    }
    // Every backend runs every op fused: the browser entry registers the GPU kernels too.
    expect(runs.cpu.fused.length).toBeGreaterThan(0);
    for (const backend of ['wasm', 'webgl', 'webgpu']) expect(runs[backend].fused, backend).toEqual(runs.cpu.fused);
    // The wasm backend really ran wasm: its binary came from where setWasmPaths pointed.
    expect(server.requests.some((p) => WASM_FILES.some((f) => p === `/wasm/${f}`))).toBe(true);
    expect(problems).toEqual([]);
  });

  it(title("'auto' picks webgpu, and never switches a backend the user set; 'current' keeps it"), async () => {
    const page = await fresh();
    const chosen = await page.evaluate(async () => {
      const { createZoo, tf } = (globalThis as unknown as { mixzoo: Mixzoo }).mixzoo;
      const auto = (await createZoo()).backend;
      await tf.setBackend('cpu');
      return { auto, afterUserSet: (await createZoo()).backend, current: (await createZoo({ backend: 'current' })).backend, active: tf.getBackend() };
    });
    expect(chosen).toEqual({ auto: 'webgpu', afterUserSet: 'cpu', current: 'cpu', active: 'cpu' });
  });

  it(title("'wasm' whose binaries cannot be fetched: E_BACKEND pointing at setWasmPaths, no silent fallback"), async () => {
    const page = await fresh();
    const result = await page.evaluate(async () => {
      const { createZoo, setWasmPaths, tf } = (globalThis as unknown as { mixzoo: Mixzoo }).mixzoo;
      setWasmPaths('/no-such-folder/');
      const error = await createZoo({ backend: 'wasm' }).then(() => undefined, (e: unknown) => {
        const { code, message } = e as { code: string; message: string };
        return { code, message };
      });
      return { error, started: Object.keys(tf.engine().registry) };
    });
    expect(result.error?.code).toBe('E_BACKEND');
    expect(result.error?.message).toMatch(/^backend 'wasm' failed to initialise \(in a browser the \.wasm files must be served: call setWasmPaths/);
    expect(result.started).toEqual([]); // no other backend was started in its place
  });

  it(title("without a WebGPU adapter (Chromium without its WebGPU flags): 'webgpu' is an E_BACKEND naming what is missing, 'auto' picks webgl"), async () => {
    const plain = await launch(false);
    try {
      const page = await plain.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => (globalThis as unknown as { mixzoo?: unknown }).mixzoo !== undefined);
      const result = await page.evaluate(async () => {
        const { createZoo, tf } = (globalThis as unknown as { mixzoo: Mixzoo }).mixzoo;
        const hasGpu = 'gpu' in (globalThis as unknown as { navigator: object }).navigator;
        const error = await createZoo({ backend: 'webgpu' }).then(() => undefined, (e: unknown) => {
          const { code, message } = e as { code: string; message: string };
          return { code, message };
        });
        // Unset (undefined, whatever its type says) until a backend starts.
        const activeAfterError = (tf.engine().backendName as string | undefined) ?? null;
        return { hasGpu, error, activeAfterError, auto: (await createZoo()).backend };
      });
      expect(result.hasGpu).toBe(true); // navigator.gpu exists; it only has no adapter
      expect(result.error?.code).toBe('E_BACKEND');
      expect(result.error?.message).toMatch(/^backend 'webgpu' cannot start: navigator\.gpu\.requestAdapter\(\) found no adapter/);
      expect(result.activeAfterError).toBeNull(); // nothing was switched on the way
      expect(result.auto).toBe('webgl');
    } finally {
      await plain.close();
    }
  });
});

describe('refuseNodeBuiltins (the check the bundle passes)', () => {
  it('fails a browser build that reaches a Node built-in (as the lab of the Node entry would: sharp uses createRequire)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mixzoo-refuse-'));
    try {
      const entry = join(dir, 'entry.js');
      writeFileSync(entry, "import { createRequire } from 'node:module';\nexport const require = createRequire(import.meta.url);\n");
      const { build } = await import('vite');
      const building = build({
        configFile: false, logLevel: 'silent', root: ROOT, plugins: [refuseNodeBuiltins()],
        build: { outDir: join(dir, 'out'), write: false, rolldownOptions: { input: entry } },
      });
      await expect(building).rejects.toThrow(`Node built-in 'node:module' in a browser bundle (imported by ${entry}).`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mixzoo's export conditions", () => {
  it("'node' gives the full entry (with the lab), 'browser' the page entry (without it, with the GPU backends)", () => {
    const keys = (conditions: string[]) =>
      execFileSync(process.execPath, [...conditions, '--input-type=module', '-e', "const m = await import('mixzoo'); console.log(JSON.stringify(['lab', 'createZoo', 'tf', 'setWasmPaths', 'backendInfo'].filter((k) => k in m)))"], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(keys([]))).toEqual(['lab', 'createZoo', 'tf', 'setWasmPaths', 'backendInfo']);
    expect(JSON.parse(keys(['--conditions=browser']))).toEqual(['createZoo', 'tf', 'setWasmPaths', 'backendInfo']);
  });
});
