import { createZoo } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { DatasetCache, executeRunJob, mixzooVersion } from '../../../src/study/workers/execute.js';
import { parseRunJob, type RunJob } from '../../../src/study/workers/job.js';

const job: RunJob = {
  mixzoo: mixzooVersion(),
  id: 'mixup@seed1',
  strategy: 'mixup',
  strategyOptions: {},
  seed: 1,
  setup: { dataset: 'moons', model: 'mlp', epochs: 1, batchSize: 16, trainSize: 32, testSize: 16 },
  boundary: false,
  zoo: { backend: 'cpu', plugins: [] },
};

describe('parseRunJob', () => {
  it('accepts a job as a study makes it (also after JSON)', () => {
    expect(parseRunJob(JSON.parse(JSON.stringify(job)))).toEqual(job);
  });

  it.each([
    [null, /run job: expected an object/],
    [{ ...job, id: 7 }, /'id' must be a non-empty string, got 7/],
    [{ ...job, seed: -1 }, /'seed' must be an integer >= 0/],
    [{ ...job, setup: { ...job.setup, model: 'vgg' } }, /'setup.model' must be one of mlp, cnn, resnet/],
    [{ ...job, zoo: { backend: 'cpu' } }, /'zoo' must be \{ backend: string, plugins: string\[\] \}/],
    [{ ...job, checkpoint: { epochs: [] } }, /'checkpoint' must be \{ epochs, weights, optimizer \}/],
  ])('refuses a malformed payload with E_QUEUE naming the field (%#)', (value, message) => {
    expect(() => parseRunJob(value)).toThrow(expect.objectContaining({ code: 'E_QUEUE', message: expect.stringMatching(message) }));
  });
});

describe('executeRunJob', () => {
  it('refuses a job of another mixzoo version before training (E_QUEUE)', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    await expect(executeRunJob({ ...job, mixzoo: '99.0.0' }, zoo, new DatasetCache())).rejects.toMatchObject({ code: 'E_QUEUE', message: expect.stringContaining(`the study runs mixzoo 99.0.0, this worker runs ${mixzooVersion()}`) });
  });
});
