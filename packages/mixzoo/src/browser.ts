// The browser entry of `mixzoo` (package.json condition "browser", or `mixzoo/browser`): everything
// that runs in a page, with tfjs's GPU backends registered so createZoo can pick webgpu or webgl.
// No Node built-in is reachable from here (a test bundles this file and refuses any).
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';

export * from './portable.js';
