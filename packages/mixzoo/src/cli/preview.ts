import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Seed, Zoo } from '@mixzoo/core';
import { loadMnist } from '../data/mnist.js';
import type { ImageBatch } from '../render/image-batch.js';
import { renderMixPreview } from '../render/preview.js';
import { usageError } from './usage-error.js';
import { loadImageFolder } from './image-folder.js';

export interface PreviewRequest {
  name: string;
  /** Strategy options as a JSON object text (from --options). */
  options?: string;
  n: number;
  seed: Seed;
  /** 'mnist' (default) or a folder of images. */
  dataset: string;
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

export function loadDataset(dataset: string, count: number, seed: Seed): Promise<ImageBatch> {
  return dataset === 'mnist' ? loadMnist({ count, seed }) : loadImageFolder(dataset, { count, seed });
}

/** `mixzoo preview`: mixes n samples with the strategy and writes a captioned PNG grid. Returns the report line. */
export async function previewCommand(zoo: Zoo, request: PreviewRequest): Promise<string> {
  // Options are validated before any data is read.
  const mixer = zoo.create(request.name, parseOptionsJson(request.options));
  const batch = await loadDataset(request.dataset, request.n, request.seed);
  const { png, plan, width, height } = await renderMixPreview(mixer, batch);
  const out = resolve(request.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, png);
  const meanLambda = plan.lambda.reduce((s, v) => s + v, 0) / plan.lambda.length;
  return `wrote ${request.out} (${width}×${height}, ${plan.lambda.length} ${request.name} mixes of ${request.dataset}, mean λ ${meanLambda.toFixed(3)})`;
}
