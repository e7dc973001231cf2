import { createZoo } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { checkStudyConfig } from '../../src/study/config.js';
import { strategyLabel } from '../../src/study/labels.js';
import { STUDY_PRESETS } from '../../src/study/presets.js';
import { REPLICATIONS } from '../../src/study/replications.js';

describe('study presets', () => {
  it('every preset is a valid study', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    for (const [name, preset] of Object.entries(STUDY_PRESETS)) expect(() => checkStudyConfig(preset, zoo), name).not.toThrow();
  });

  it("every replication's claims compare rows of its preset, with the 'none' baseline among them", () => {
    for (const [name, replication] of Object.entries(REPLICATIONS)) {
      const rows = STUDY_PRESETS[name as keyof typeof REPLICATIONS].strategies.map(strategyLabel);
      expect(rows, name).toContain('none');
      for (const claim of replication.claims) expect(rows, `${name}: ${claim.a} − ${claim.b}`).toEqual(expect.arrayContaining([claim.a, claim.b]));
    }
  });

  it('the label-noise studies corrupt the training labels; the others do not', () => {
    expect(STUDY_PRESETS['label-noise'].labelNoise).toEqual({ kind: 'symmetric', rate: 0.4 });
    expect(STUDY_PRESETS['zhang2018-label-noise'].labelNoise).toEqual({ kind: 'symmetric', rate: 0.45 });
    for (const name of ['quick', 'fashion-mnist', 'thulasidasan2019-calibration', 'harris2020-fmix'] as const) expect(STUDY_PRESETS[name], name).not.toHaveProperty('labelNoise');
  });
});
