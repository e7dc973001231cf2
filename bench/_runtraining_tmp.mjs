import '@mixzoo/kernels';
const m = await import('./training.js'); const t = Date.now(); await m.run(); console.log('total s', (Date.now() - t) / 1000);
