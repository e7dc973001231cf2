import { it } from 'vitest';
import { createAugmenter } from '@mixzoo/augment';
it('m', () => {
  for (let seed = 1; seed < 30; seed++) {
    const aug = createAugmenter([{ name: 'color-jitter', options: { brightness: 0.5, contrast: 0.5, saturation: 0.8, hue: 0.3, prob: 0.7 } }], { seed });
    const p = aug.sample({ batchSize: 6, height: 4, width: 5, channels: 3 })[0].params as ({ hue: number } | null)[];
    if (p.some((q) => q === null) && p.some((q) => q && q.hue < -0.1) && p.some((q) => q && q.hue > 0.1)) { console.log('SEED', seed); break; }
  }
});
