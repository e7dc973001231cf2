import type { EpochRecord, Metrics, RunResult, StudyConfig } from '../../src/types.js';

/** A tiny deterministic generator (mulberry32 over a string hash) so fake runs differ per strategy and seed. */
function noise(key: string): () => number {
  let state = 0;
  for (const ch of key) state = (Math.imul(state, 31) + ch.charCodeAt(0)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32 - 0.5;
  };
}

const BINS = 15;

function fakeMetrics(accuracy: number, overconfidence: number): Metrics {
  const reliability = Array.from({ length: BINS }, (_, b) => {
    const lo = b / BINS;
    const hi = (b + 1) / BINS;
    const confidence = (lo + hi) / 2;
    return { lo, hi, count: b < 4 ? 0 : 10 * (b - 3), confidence, accuracy: Math.max(0, Math.min(1, confidence - overconfidence)) };
  });
  return {
    accuracy,
    nll: 1.2 * (1 - accuracy) + 0.1 + overconfidence,
    ece: Math.abs(overconfidence),
    brier: 1.5 * (1 - accuracy),
    noisyAccuracy: { '0.1': accuracy - 0.02, '0.2': accuracy - 0.08 },
    reliability,
  };
}

/** A RunResult shaped like the trainer's: accuracy climbing to `finalAccuracy` (+ seed noise). */
export function fakeRun(strategy: string, seed: number, options: { epochs?: number; finalAccuracy?: number; overconfidence?: number; dataset?: string } = {}): RunResult {
  const { epochs = 3, finalAccuracy = 0.9, overconfidence = 0.05, dataset = 'moons' } = options;
  const rand = noise(`${strategy}@${seed}`);
  const final = finalAccuracy + 0.01 * rand();
  const records: EpochRecord[] = Array.from({ length: epochs }, (_, e) => ({
    epoch: e + 1,
    trainLoss: 1 / (e + 1),
    test: fakeMetrics(final - 0.1 * (epochs - e - 1) / epochs, overconfidence),
    seconds: 0.5 + 0.01 * e,
  }));
  return {
    formatVersion: 2,
    id: `${strategy}@seed${seed}`,
    strategy,
    strategyOptions: strategy === 'none' ? {} : { alpha: 0.4 },
    seed,
    dataset,
    model: 'mlp',
    epochs: records,
    final: records[records.length - 1].test,
    secondsPerEpoch: records.reduce((s, r) => s + r.seconds, 0) / epochs,
    backend: 'cpu',
    training: { epochs, batchSize: 32, optimizer: 'adam', learningRate: 0.001 },
    data: { inputShape: [2], classes: 2, trainCount: 128, testCount: 64 },
  };
}

export const FAKE_STRATEGIES: Record<string, { finalAccuracy: number; overconfidence: number }> = {
  none: { finalAccuracy: 0.9, overconfidence: 0.08 },
  mixup: { finalAccuracy: 0.92, overconfidence: 0.02 },
  cutmix: { finalAccuracy: 0.915, overconfidence: -0.03 },
};

/** A whole fake study: every strategy of FAKE_STRATEGIES × the seeds. */
export function fakeStudy(seeds = [1, 2, 3], epochs = 3): { config: StudyConfig; results: RunResult[] } {
  const names = Object.keys(FAKE_STRATEGIES);
  return {
    config: {
      strategies: names.map((name) => (name === 'none' ? { name } : { name, options: { alpha: 0.4 } })),
      seeds,
      dataset: 'moons',
      model: 'mlp',
      epochs,
      batchSize: 32,
      trainSize: 256,
    },
    results: seeds.flatMap((seed) => names.map((name) => fakeRun(name, seed, { epochs, ...FAKE_STRATEGIES[name] }))),
  };
}
