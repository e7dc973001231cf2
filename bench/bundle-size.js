// The size a browser app pays for `import { createZoo, tf } from 'mixzoo'`: Vite bundles the test
// page of test/browser/bundle-page (mixzoo's browser entry with tfjs core, layers, data and the
// cpu, wasm, webgl and webgpu backends), and the gzip size of its JavaScript is checked against
// that page's budget.json. The .wasm binaries (shipped beside it) are listed apart.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const PAGE = fileURLToPath(new URL('../test/browser/bundle-page', import.meta.url));

export async function run() {
  const outDir = mkdtempSync(join(tmpdir(), 'mixzoo-bundle-'));
  try {
    await build({ root: PAGE, configFile: join(PAGE, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' });
    const size = (ext, gzip) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + (gzip ? gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length : statSync(join(outDir, f)).size), 0);
    const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
    const { gzipKiB } = JSON.parse(readFileSync(join(PAGE, 'budget.json'), 'utf8'));
    const js = size('.js', true);
    console.log(`\nbrowser bundle (Vite, mixzoo browser entry): JavaScript ${kib(size('.js', false))}, ${kib(js)} gzip (budget ${gzipKiB} KiB); .wasm files ${kib(size('.wasm', false))}`);
    if (js > gzipKiB * 1024) throw new Error(`browser bundle over budget: ${kib(js)} gzip > ${gzipKiB} KiB (test/browser/bundle-page/budget.json)`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
