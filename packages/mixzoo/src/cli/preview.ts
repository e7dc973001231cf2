import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Mixer, Seed, Zoo } from '@mixzoo/core';
import { loadDataset, MODEL_NAMES, parseDatasetSpec, previewModelContext, renderMixPreview, type DatasetSpec, type ImageBatch, type ModelName } from '@mixzoo/lab';
import { loadMnist } from '../data/mnist.js';
import { renderPointMix, type PointBatch } from '../render/points.js';
import { usageError } from './usage-error.js';
import { loadImageFolder } from './image-folder.js';

export interface PreviewRequest {
  name: string;
  /** Strategy options as a JSON object text (from --options). */
  options?: string;
  n: number;
  seed: Seed;
  /** Any dataset spec compare takes ('mnist' by default, 'fashion-mnist', 'idx:<dir>', a folder...). */
  dataset: string;
  /** Folder of the Fashion-MNIST IDX files. */
  dataDir?: string;
  /** The lab model whose seeded initial weights give a model-aware strategy its context (default 'resnet'). */
  model?: string;
  out: string;
}

/** `--options`: a JSON object, or a usage error naming the problem. */
export function parseOptionsJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError(`--options: expected a JSON object such as '{"alpha":0.4}', got '${text}' (${(error as Error).message}).`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw usageError(`--options: expected a JSON object such as '{"alpha":0.4}', got '${text}'.`);
  }
  return value as Record<string, unknown>;
}

type PointSpec = Extract<DatasetSpec, { kind: 'moons' | 'spirals' }>;
type ImageSpec = Exclude<DatasetSpec, PointSpec>;
const isPointSpec = (spec: DatasetSpec): spec is PointSpec => spec.kind === 'moons' || spec.kind === 'spirals';

/** `count` seeded images of a dataset: bundled MNIST digits, a folder's images (64×64), or the test images of an IDX, CIFAR or index dataset. */
export async function previewBatch(spec: ImageSpec, count: number, seed: Seed, dataDir?: string): Promise<ImageBatch> {
  switch (spec.kind) {
    case 'mnist':
      return loadMnist({ count, seed });
    case 'folder':
      return loadImageFolder(spec.dir, { count, seed });
    case 'fashion-mnist':
    case 'idx':
    case 'cifar10':
    case 'cifar100':
    case 'index': {
      const { test, inputShape, classNames } = await loadDataset(spec.spec, { seed, trainSize: 1, testSize: count, dataDir });
      const [height, width, channels] = inputShape;
      return { images: test.x, shape: [test.count, height, width, channels], labels: test.y, classNames };
    }
  }
}

/** `count` seeded points of a 2-D set (moons, spirals). */
async function previewPoints(spec: PointSpec, count: number, seed: Seed): Promise<PointBatch> {
  const { train, classNames } = await loadDataset(spec.spec, { seed, trainSize: count, testSize: 2 });
  return { points: train.x, labels: train.y, classNames };
}

/** An image batch mixed and rendered; a model-aware mixer plans from `model`'s seeded initial weights (its maps shown beside the images). */
function imagePreview(mixer: Mixer, batch: ImageBatch, model: string, seed: Seed): ReturnType<typeof renderMixPreview> {
  if (!(MODEL_NAMES as readonly string[]).includes(model)) throw usageError(`--model: expected one of ${MODEL_NAMES.join(', ')}, got '${model}'.`);
  return renderMixPreview(mixer, batch, previewModelContext(mixer, batch, model as ModelName, seed));
}

/** `mixzoo preview`: mixes n samples with the strategy and writes a captioned PNG grid. Returns the report line. */
export async function previewCommand(zoo: Zoo, request: PreviewRequest): Promise<string> {
  // Options are validated before any data is read.
  const mixer = zoo.create(request.name, parseOptionsJson(request.options));
  const spec = parseDatasetSpec(request.dataset, '--dataset');
  if (isPointSpec(spec) && mixer.strategy.needs?.spatial) {
    throw usageError(`--dataset ${spec.kind}: '${request.name}' mixes image regions, and ${spec.kind} holds 2-D points; preview it on an image dataset, or preview a non-spatial strategy such as mixup.`);
  }
  const { png, plan, width, height } = isPointSpec(spec)
    ? await renderPointMix(mixer, await previewPoints(spec, request.n, request.seed))
    : await imagePreview(mixer, await previewBatch(spec, request.n, request.seed, request.dataDir), request.model ?? 'resnet', request.seed);
  const out = resolve(request.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, png);
  const meanLambda = plan.lambda.reduce((s, v) => s + v, 0) / plan.lambda.length;
  return `wrote ${request.out} (${width}×${height}, ${plan.lambda.length} ${request.name} mixes of ${request.dataset}, mean λ ${meanLambda.toFixed(3)})`;
}
