// A page that imports mixzoo the way a bundler user does (bare 'mixzoo', browser condition) and
// hands it to the test as `window.mixzoo`.
import * as mixzoo from 'mixzoo';

// The wasm binaries ship as wasm/*.wasm next to this page (tfjsWasmFiles plugin).
mixzoo.setWasmPaths(new URL('wasm/', document.baseURI).href);
window.mixzoo = mixzoo;
document.title = 'ready';
