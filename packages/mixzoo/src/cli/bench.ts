import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { modelNeedsOf, type Zoo } from '@mixzoo/core';
import { backendInfo } from '../backend-info.js';
import { textTable } from './table.js';

export interface BenchRequest {
  strategies?: string[];
  /** NHWC batch shape, e.g. [256, 32, 32, 3]. */
  shape: number[];
  reps: number;
}

export interface BenchRow {
  strategy: string;
  /** Median milliseconds of `sample` and of `apply` per batch, after a warm-up. */
  sampleMs: number;
  applyMs: number;
  /** Images mixed per second (sample + apply). */
  imagesPerSecond: number;
}

/** Strategies that need more than one batch of images, left out unless asked for by name. */
const NEEDS_TWO_DATASETS = new Set(['cross-dataset', 'manifold-mixup']);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const optionsOf = (name: string) => (name === 'choice' ? { of: [{ name: 'mixup', weight: 0.5 }, { name: 'cutmix', weight: 0.5 }] } : undefined);

/**
 * Times every strategy (defaults; `choice` mixes mixup and cutmix) on this machine and backend:
 * plan sampling and applying separately, on seeded images, every output disposed.
 */
export function benchStrategies(zoo: Zoo, request: BenchRequest): BenchRow[] {
  // Model-aware strategies plan from a model's maps, which a timing of the mixer alone does not have.
  const fromModel = (n: string) => {
    const mixer = zoo.create(n, optionsOf(n));
    return modelNeedsOf(mixer).length > 0 || (mixer.strategy.needs?.mixedModel?.length ?? 0) > 0;
  };
  const names = request.strategies ?? zoo.list().filter((n) => !NEEDS_TWO_DATASETS.has(n) && !fromModel(n));
  for (const name of names) if (!zoo.has(name)) zoo.create(name); // the registry's "Did you mean" error
  const [batchSize, height, width, channels] = request.shape;
  const size = request.shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor4d(Float32Array.from({ length: size }, (_, i) => ((i * 2654435761) % 1000) / 1000), [batchSize, height, width, channels]);
  try {
    return names.map((name) => {
      const mixer = zoo.create(name, optionsOf(name));
      const shape = { batchSize, height, width, channels };
      const data = { inputs: x };
      const sample: number[] = [];
      const apply: number[] = [];
      for (let k = -2; k < request.reps; k++) {
        const t0 = performance.now();
        const plan = mixer.sample(shape, data);
        const t1 = performance.now();
        mixer.apply({ inputs: x }, plan).inputs.dispose();
        const t2 = performance.now();
        if (k < 0) continue; // warm-up
        sample.push(t1 - t0);
        apply.push(t2 - t1);
      }
      const sampleMs = median(sample);
      const applyMs = median(apply);
      return { strategy: name, sampleMs, applyMs, imagesPerSecond: (1000 * batchSize) / (sampleMs + applyMs) };
    });
  } finally {
    x.dispose();
  }
}

export function benchText(rows: BenchRow[], request: BenchRequest, backend: string): string {
  const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const { fused, composed } = backendInfo(backend);
  return [
    `mixzoo bench — [${request.shape.join(', ')}] float32 on ${backend}, median of ${request.reps} batches after a warm-up`,
    `Kernels on ${backend}: fused ${fused.join(', ') || 'none'}; composed of tfjs ops ${composed.join(', ') || 'none'}.`,
    textTable(
      ['strategy', 'sample ms', 'apply ms', 'images/s'],
      rows.map((r) => [r.strategy, ms(r.sampleMs), ms(r.applyMs), Math.round(r.imagesPerSecond).toLocaleString('en-US')]),
      12,
    ),
    'The full benchmarks against plain-JS baselines and composed tfjs ops: npm run bench (in the repository).',
  ].join('\n');
}
