// Golden plans: a fixed seed's plans for every registered strategy and every built-in
// augmentation, stored as JSON under test/golden/, so any change to a sampler shows up as a diff
// that someone made on purpose. After a deliberate change, regenerate them all with
//   UPDATE_GOLDEN=1 npx vitest run test/golden-plans.test.ts
// and review the diff of test/golden/ before committing it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { augmentationNames, createAugmenter, getAugmentation, tf, type SampleShape, type Zoo } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { optionsFor, patternImages, zooOn } from './strategies.js';
import { withModelContext } from './helpers/model-context.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REGENERATE = 'UPDATE_GOLDEN=1 npx vitest run test/golden-plans.test.ts';
const SEED = 7;
const DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/** Small shapes keep mask plans tiny: 4 images of 6×5. */
const SHAPE = { batchSize: 4, height: 6, width: 5, channels: 1 };
/** Size of the partner batch of cross-dataset-capable (two-way, paired) strategies. */
const PARTNER_BATCH = 3;

interface GoldenCase {
  options?: Record<string, unknown>;
  shape: SampleShape;
}

/** Allowed values of option `key` in a strategy's JSON Schema, if it is an enum. */
function enumOf(zoo: Zoo, name: string, key: string): string[] {
  const property = (zoo.describe(name).schema.properties as Record<string, { enum?: string[] }> | undefined)?.[key];
  return property?.enum ?? [];
}

/**
 * The cases of a strategy, derived from what it declares, so a new strategy gets them too:
 * its defaults, every other `mode`, a partner batch where it can mix two batches, and k-way variants.
 */
function strategyCases(zoo: Zoo, name: string): Record<string, GoldenCase> {
  const base = (optionsFor(zoo, name) ?? {}) as Record<string, unknown>;
  const cases: Record<string, GoldenCase> = { defaults: { options: base, shape: SHAPE } };
  const defaults = zoo.describe(name).defaults;
  for (const mode of enumOf(zoo, name, 'mode')) {
    if (mode !== defaults.mode) cases[`mode ${mode}`] = { options: { ...base, mode }, shape: SHAPE };
  }
  // Cross-dataset-capable: strategies that pair (option 'pairing') or delegate to a base strategy.
  if (enumOf(zoo, name, 'pairing').length > 0 || 'base' in defaults) {
    cases['partner batch'] = { options: base, shape: { ...SHAPE, partnerBatchSize: PARTNER_BATCH } };
  }
  if ('k' in defaults) cases['k-way k=3'] = { options: { ...base, k: 3 }, shape: SHAPE };
  if ('numMix' in defaults) cases['numMix 2'] = { options: { ...base, numMix: 2 }, shape: SHAPE };
  return cases;
}

/** Each case in a fresh zoo, so adding a case never shifts the draws of another. */
async function strategyPlans(name: string): Promise<Record<string, unknown>> {
  const cases = strategyCases(await zooOn('cpu', SEED), name);
  const plans: Record<string, unknown> = {};
  for (const [label, c] of Object.entries(cases)) {
    const zoo = await zooOn('cpu', SEED);
    const mixer = withModelContext(zoo.create(name, c.options));
    const needsPixels = mixer.strategy.needs?.inputs === true;
    const inputs = needsPixels ? patternImages(c.shape.batchSize, c.shape.height!, c.shape.width!, c.shape.channels) : undefined;
    const partnerInputs = needsPixels && c.shape.partnerBatchSize ? patternImages(c.shape.partnerBatchSize, c.shape.height!, c.shape.width!, c.shape.channels) : undefined;
    try {
      plans[label] = { options: c.options ?? {}, shape: c.shape, plans: [mixer.sample(c.shape, { inputs, partnerInputs }), mixer.sample(c.shape, { inputs, partnerInputs })] };
    } finally {
      tf.dispose([inputs, partnerInputs].filter((t) => t !== undefined));
    }
  }
  return plans;
}

/** Quarter turns need square images. */
const AUGMENT_SHAPE: Record<string, typeof SHAPE> = { rot90: { ...SHAPE, width: SHAPE.height } };

function augmentationPlans(name: string): Record<string, unknown> {
  const shape = AUGMENT_SHAPE[name] ?? SHAPE;
  const cases: Record<string, Record<string, unknown>> = { defaults: {} };
  if ('prob' in getAugmentation(name).options.shape) cases['prob 0.5'] = { prob: 0.5 };
  return Object.fromEntries(
    Object.entries(cases).map(([label, options]) => {
      const augmenter = createAugmenter([{ name, options }], { seed: SEED });
      return [label, { options, shape, plans: [augmenter.sample(shape), augmenter.sample(shape)] }];
    }),
  );
}

/** JSON with arrays and objects of plain values on one line (boxes, mask rows): small, readable files. */
function format(value: unknown, indent = ''): string {
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.every(([, v]) => v === null || typeof v !== 'object')) return JSON.stringify(Object.fromEntries(entries));
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Compares (or, with UPDATE_GOLDEN=1, writes) test/golden/<kind>/<name>.json. */
function checkGolden(kind: string, name: string, actual: unknown): void {
  const file = `${DIR}${kind}/${name}.json`;
  const json = `${format(actual)}\n`;
  if (UPDATE) {
    mkdirSync(`${DIR}${kind}`, { recursive: true });
    writeFileSync(file, json);
    return;
  }
  if (!existsSync(file)) expect.fail(`no golden plans for ${kind.slice(0, -1)} '${name}' (test/golden/${kind}/${name}.json): run ${REGENERATE}`);
  expect(JSON.parse(json), `${kind}/${name}: plans differ from test/golden/${kind}/${name}.json; if the sampler change is deliberate, run ${REGENERATE} and review the diff`)
    .toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

/** No golden file may outlive its strategy or augmentation (removed with UPDATE_GOLDEN=1). */
function checkNoStale(kind: string, names: readonly string[]): void {
  const files = existsSync(`${DIR}${kind}`) ? readdirSync(`${DIR}${kind}`).filter((f) => f.endsWith('.json')) : [];
  const stale = files.filter((f) => !names.includes(f.slice(0, -'.json'.length)));
  if (UPDATE) stale.forEach((f) => rmSync(`${DIR}${kind}/${f}`));
  else expect(stale, `golden files without a registered ${kind.slice(0, -1)}: run ${REGENERATE}`).toEqual([]);
}

describe('golden plans', async () => {
  const strategies = (await zooOn('cpu', SEED)).list();
  const augmentations = augmentationNames();

  it('the strategy and augmentation lists are not empty', () => {
    expect(strategies.length).toBeGreaterThan(0);
    expect(augmentations.length).toBeGreaterThan(0);
  });

  it.each(strategies)('strategy %s', async (name) => checkGolden('strategies', name, await strategyPlans(name)));
  it.each(augmentations)('augmentation %s', (name) => checkGolden('augmentations', name, augmentationPlans(name)));

  it('has no golden file for a strategy or augmentation that is gone', () => {
    checkNoStale('strategies', strategies);
    checkNoStale('augmentations', augmentations);
  });
});
