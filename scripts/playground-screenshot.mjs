// Regenerates docs/images/playground.png, the README's picture of the playground: serves the built
// playground (npm run build:playground) with `vite preview` and photographs it in headless Chromium
// on WebGPU (SwiftShader), with CutMix drawn per sample.
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const server = await preview({ root: 'packages/playground', configFile: 'packages/playground/vite.config.ts', logLevel: 'warn', preview: { host: '127.0.0.1', port: 4173 } });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--no-first-run', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1060 } });
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForSelector('body[data-ready="true"]');
  const settled = () => page.waitForSelector('body[data-busy="false"]');
  await page.selectOption('#strategy', 'cutmix');
  await settled();
  await page.selectOption('#option-mode', 'elem');
  await settled();
  await page.selectOption('#option-pairing', 'derangement');
  await settled();
  await page.screenshot({ path: 'docs/images/playground.png' });
  console.log('wrote docs/images/playground.png');
} finally {
  await browser.close();
  await server.close();
}
