// The bundle a user's app gets from `import { createZoo, tf } from 'mixzoo'` (browser condition):
// built by test/browser-bundle.test.ts and by `npm run bench` (bench/bundle-size.js), which checks
// its gzip size against budget.json.
import { defineConfig } from 'vite';
import { refuseNodeBuiltins, tfjsWasmFiles } from '../../../packages/playground/vite-plugins.js';

export default defineConfig({ plugins: [refuseNodeBuiltins(), ...tfjsWasmFiles('wasm')] });
