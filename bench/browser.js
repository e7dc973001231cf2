// `npm run bench:browser`: the fused GPU kernels vs composed tfjs ops on webgl and webgpu in
// headless Chromium (Debian's /usr/bin/chromium, SwiftShader here: absolute times say little
// about a real GPU; the ratio, measured in the same run, shows the passes the fused path saves).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage, CHROMIUM, chromiumInstalled, launchChromium, serve } from '../test/helpers/chromium.js';
import { ms, printTable } from './lib.js';

const SHAPES = process.env.BENCH_SHAPES ? JSON.parse(process.env.BENCH_SHAPES) : [[256, 32, 32, 3], [32, 128, 128, 3]];

if (!chromiumInstalled) {
  console.error(`bench:browser needs ${CHROMIUM} (Debian: apt-get install chromium).`);
  process.exit(1);
}
const out = mkdtempSync(join(tmpdir(), 'mixzoo-bench-browser-'));
try {
  await buildPage(fileURLToPath(new URL('./browser/', import.meta.url)), out);
  const server = await serve(out);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'log' && console.error(m.text())); // progress on stderr
    await page.goto(server.url);
    await page.waitForFunction(() => 'benchGpuKernels' in globalThis);
    const { adapters, rows, userAgent } = await page.evaluate((shapes) => globalThis.benchGpuKernels({ shapes }), SHAPES);
    console.log(`mixzoo GPU kernels — ${userAgent}`);
    for (const [backend, adapter] of Object.entries(adapters)) console.log(`${backend}: ${adapter}`);
    console.log('ms per call (median); composed = the same op without the fused GPU kernel\n');
    printTable(['backend', 'batch', 'op', 'fused ms', 'composed ms', 'composed / fused'],
      rows.map((r) => [r.backend, `[${r.shape.join(',')}]`, r.op, ms(r.fused), ms(r.composed), `${(r.composed / r.fused).toFixed(1)}×`]));
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
