import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBoundaryPng, renderGrid, renderReportHtml } from '@mixzoo/lab';
import { fakeStudy } from '../packages/lab/tests/report/fake-runs.js';

const CHROMIUM = '/usr/bin/chromium';
/** Flags Debian's chromium needs to run headless in containers and CI (no sandbox, GPU, network or first-run work). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-report-browser-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Variance of the gray levels of a PNG: ~0 for a blank (one-colour) picture. */
async function grayVariance(png: Buffer): Promise<number> {
  const { data } = await sharp(png).grayscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  let squares = 0;
  for (const v of data) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / data.length;
  return squares / data.length - mean * mean;
}

/** A report of fake runs with real pictures: mixed-sample grids and decision boundaries. */
async function writeReport(): Promise<string> {
  const { config, results } = fakeStudy([1, 2, 3], 4);
  const pixels = Float32Array.from({ length: 4 * 8 * 8 }, (_, k) => (k % 7) / 7);
  const grid = await renderGrid(pixels, [4, 8, 8, 1], ['λ 0.62 · 3←7', 'λ 1.00 · 4', 'a', 'b']);
  const resolution = 20;
  const argmax = Int32Array.from({ length: resolution * resolution }, (_, i) => (i % resolution < resolution / 2 ? 0 : 1));
  const boundary = { grid: new Float32Array(0), argmax, confidence: new Float32Array(argmax.length).fill(0.9), numClasses: 2, resolution, xRange: [0, 1] as [number, number], yRange: [0, 1] as [number, number] };
  const picture = await renderBoundaryPng(boundary, { x: new Float32Array([0.2, 0.3, 0.8, 0.6]), y: new Int32Array([0, 1]), count: 2 });
  const names = config.strategies.map((s) => s.name);
  const images = { samples: Object.fromEntries(names.map((n) => [n, grid])), boundaries: Object.fromEntries(names.map((n) => [n, picture])) };
  const file = join(tmp, 'report.html');
  writeFileSync(file, await renderReportHtml({ config, results, images }));
  return file;
}

const installed = existsSync(CHROMIUM);
const title = 'renders its charts and pictures in headless Chromium';

describe('report.html in a real browser', () => {
  it.skipIf(!installed)(installed ? title : `${title} — SKIPPED: ${CHROMIUM} is absent (Debian: apt-get install chromium)`, { timeout: 120_000 }, async () => {
    const file = await writeReport();
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      // Every picture decoded.
      const images = await page.$$eval('img', (imgs) => imgs.map((img) => ({ complete: img.complete, width: img.naturalWidth, shown: img.getBoundingClientRect().width })));
      expect(images).toHaveLength(6);
      for (const img of images) expect(img).toMatchObject({ complete: true, width: expect.any(Number) });
      expect(images.every((img) => img.width > 0 && img.shown > 100)).toBe(true);

      // Every chart laid out, with marks drawn.
      const charts = await page.$$eval('figure > svg', (svgs) =>
        svgs.map((svg) => ({
          section: svg.closest('section')?.id,
          width: svg.getBoundingClientRect().width,
          height: svg.getBoundingClientRect().height,
          marks: svg.querySelectorAll('g.mark-rect path, g.mark-symbol path, g.mark-line path, g.mark-area path, g.mark-rule line').length,
          text: svg.textContent ?? '',
        })),
      );
      expect(charts.map((c) => c.section)).toEqual(['bars', 'difference', 'curves', 'reliability']);
      for (const chart of charts) {
        expect(chart.width, chart.section).toBeGreaterThan(300);
        expect(chart.height, chart.section).toBeGreaterThan(150);
        expect(chart.marks, chart.section).toBeGreaterThan(10);
      }
      expect(charts[2].text).toContain('epoch');
      expect(charts[3].text).toContain('confidence');

      // Not blank: the page and each chart have real contrast.
      expect(await grayVariance(await page.screenshot({ fullPage: true }))).toBeGreaterThan(100);
      for (const id of ['bars', 'curves', 'reliability']) {
        expect(await grayVariance(await page.locator(`#${id} figure > svg`).screenshot()), id).toBeGreaterThan(100);
      }
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
