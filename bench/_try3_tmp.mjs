import { createZoo } from 'mixzoo';
import { loadDataset, trainRun, unregisterConv2dFilterGradient } from '@mixzoo/lab';
const zoo = await createZoo({ backend: 'cpu', seed: 0 });
const mnist = await loadDataset('mnist', { seed: 1, trainSize: 512, testSize: 128 });
for (const replace of [true, false]) {
  if (!replace) unregisterConv2dFilterGradient();
  const r = await trainRun({ zoo, strategy: 'none', dataset: mnist, model: 'cnn', epochs: 1, batchSize: 32, seed: 1, replaceConv2dGradient: replace });
  console.log('cpu replace', replace, r.secondsPerEpoch.toFixed(2), r.final.accuracy);
}
