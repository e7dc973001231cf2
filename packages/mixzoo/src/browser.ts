// The browser entry of `mixzoo` (package.json condition "browser", or `mixzoo/browser`): everything
// that runs in a page, with tfjs's GPU backends and mixzoo's GPU kernels for them registered, so
// createZoo can pick webgpu or webgl and every op runs as one GPU program there.
// No Node built-in is reachable from here (a test bundles this file and refuses any).
import '@mixzoo/kernels/webgl';
import '@mixzoo/kernels/webgpu';

export * from './portable.js';
