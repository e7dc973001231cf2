// Regenerates docs/images/manifold-boundaries.png, the picture of the manifold-mixup page:
// decision boundaries of a small MLP on two moons and spirals with no mixing, input mixup and
// manifold mixup. Run after the build: node scripts/manifold-boundaries.mjs [out.png]
import { createCoreZoo, selectBackend } from '@mixzoo/core';
import { kernelOps } from '@mixzoo/kernels';
import { writeBoundaryComparison } from '@mixzoo/lab';
import { mixupPlugin } from '@mixzoo/mixup';

const file = process.argv[2] ?? 'docs/images/manifold-boundaries.png';
const backend = await selectBackend('wasm');
const zoo = createCoreZoo({ seed: 0, backend, kernels: kernelOps, plugins: [mixupPlugin] });
for (const p of await writeBoundaryComparison(zoo, file)) console.log(`${p.dataset}\t${p.strategy}\t${p.accuracy.toFixed(3)}`);
console.log(`wrote ${file}`);
