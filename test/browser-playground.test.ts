// The playground, built as `npm run build:playground` builds it, in headless Chromium: choose
// CutMix, change alpha, get a grid and a plan; bad options show the library's own error text;
// a pasted plan replays; the backend switch works; no console errors; a screenshot that is not blank.
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, chromiumInstalled, launch, ROOT, serve, SKIP_REASON, watchProblems, type Served } from './helpers/browser.js';

/** Variance of the gray levels of a PNG: ~0 for a blank (one-colour) picture. */
async function grayVariance(png: Buffer): Promise<number> {
  const { data } = await sharp(png).grayscale().raw().toBuffer({ resolveWithObject: true });
  let [sum, squares] = [0, 0];
  for (const v of data) {
    sum += v;
    squares += v * v;
  }
  return squares / data.length - (sum / data.length) ** 2;
}

const title = (what: string) => (chromiumInstalled ? what : `${what} — ${SKIP_REASON}`);

describe.skipIf(!chromiumInstalled)('the playground in Chromium', () => {
  let server: Served;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  /** Waits until the page has run every action the last input started. */
  const settled = () => page.waitForSelector('body[data-busy="false"]');
  /** The plan the page shows (a CutMix plan in these tests). */
  const shownPlan = async () => JSON.parse(await page.inputValue('#plan')) as { lambda: number[]; partner: number[]; boxes: unknown[] };

  beforeAll(async () => {
    const dir = join(ROOT, 'packages/playground');
    const site = await buildSite('playground', { root: dir, configFile: join(dir, 'vite.config.ts') });
    [server, browser] = await Promise.all([serve(site.dir), launch()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    problems = watchProblems(page);
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  }, 180_000);
  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (server as Served | undefined)?.close();
  });

  it(title('cutmix with a new alpha: a captioned grid and its plan, no console errors, a non-blank screenshot'), async () => {
    await page.selectOption('#strategy', 'cutmix');
    await settled();
    await page.fill('#option-alpha', '0.4');
    await settled();
    const plan = await shownPlan();
    expect(plan).toMatchObject({ strategy: 'cutmix', lambda: expect.any(Array), partner: expect.any(Array) });
    expect(plan.lambda).toHaveLength(16);
    expect(await page.textContent('#options-error')).toBe('');
    expect(await page.textContent('#status')).toBe('running on webgpu'); // 'auto' on a page with a WebGPU adapter
    const grid = await page.locator('#grid').screenshot();
    expect(await grayVariance(grid)).toBeGreaterThan(100);
    expect(await page.$$eval('#histogram rect', (bars) => bars.length)).toBe(20);
    expect(await page.textContent('#histogram')).toContain('Beta(0.4, 0.4)');
    expect(await grayVariance(await page.screenshot({ fullPage: true }))).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it(title("an invalid option shows the library's error text; a pasted plan replays; own images mix; the backend switch times each backend"), async () => {
    await page.fill('#option-alpha', '-1');
    await settled();
    expect(await page.textContent('#options-error')).toBe("cutmix: option 'alpha' must be >= 0, got -1.");
    await page.fill('#option-alpha', '1');
    await settled();
    expect(await page.textContent('#options-error')).toBe('');

    const plan = await shownPlan();
    plan.lambda[0] = 2;
    await page.fill('#plan', JSON.stringify(plan));
    await page.click('#replay');
    await settled();
    expect(await page.textContent('#plan-error')).toBe("plan: 'lambda[0]' must be a number in [0, 1], got 2.");
    plan.lambda[0] = 1;
    plan.boxes[0] = null;
    plan.partner[0] = 0;
    await page.fill('#plan', JSON.stringify(plan));
    await page.click('#replay');
    await settled();
    expect(await page.textContent('#plan-error')).toBe('');

    // Own images: two dropped pictures, each its own class, mixed with each other.
    const picture = (r: number, g: number, b: number) => sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g, b } } }).png().toBuffer();
    await page.setInputFiles('#files', [
      { name: 'red.png', mimeType: 'image/png', buffer: await picture(220, 30, 30) },
      { name: 'blue.png', mimeType: 'image/png', buffer: await picture(30, 30, 220) },
    ]);
    await settled();
    expect(await page.isChecked('input[name="source"][value="own"]')).toBe(true);
    expect((await shownPlan()).lambda).toHaveLength(2);
    expect(await page.textContent('#options-error')).toBe('');

    await page.selectOption('#backend', 'wasm');
    await settled();
    expect(await page.textContent('#status')).toBe('running on wasm');
    expect(await page.textContent('#kernels')).toMatch(/^fused kernels: .*mixLerp/);
    const rows = await page.locator('#timings tbody tr > :first-child').allTextContents();
    expect(rows).toEqual(['webgpu', 'wasm']);
    expect(problems).toEqual([]);
  });
});
