import 'reflect-metadata';
import { createZoo } from './dist/index.js';
import { runStudy } from '@mixzoo/lab';
const [model, epochs, trainSize, strategies, dataset='mnist', batchSize='64'] = process.argv.slice(2);
const zoo = await createZoo({ seed: 0, backend: 'auto' });
const t0 = Date.now();
const cfg = { strategies: strategies.split(',').map(name => ({ name })), seeds: [1], dataset, model, epochs: Number(epochs), batchSize: Number(batchSize), trainSize: Number(trainSize), testSize: 1000 };
const r = await runStudy(cfg, { zoo, outDir: '/tmp/lab-exp/' + Date.now(), resume: false, onProgress: (e) => { if (e.type === 'epoch') console.log(e.run.id, e.epoch, e.record.seconds.toFixed(2), e.record.test.accuracy.toFixed(3), ((Date.now()-t0)/1000).toFixed(1)); } });
console.log('backend', zoo.backend, 'total', (Date.now() - t0) / 1000);
