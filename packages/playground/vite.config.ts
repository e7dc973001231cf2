import { defineConfig } from 'vite';
import { mnistDigits, refuseNodeBuiltins, tfjsWasmFiles } from './vite-plugins.js';

// `npm run playground` (dev server) and `npm run build:playground` (static folder dist/, relative
// URLs: serve it from any path of any static host).
export default defineConfig({
  base: './',
  plugins: [refuseNodeBuiltins(), ...tfjsWasmFiles('wasm'), mnistDigits('digits.bin')],
  build: { chunkSizeWarningLimit: 4096 },
});
