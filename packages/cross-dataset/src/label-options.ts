import { didYouMean, MixzooError } from '@mixzoo/core';
import { buildAlignment, type LabelAlignment } from './align-labels.js';
import { classNamesProblem, LabelSpace } from './label-space.js';
import type { CrossDatasetOptions } from './options.js';

function fail(message: string): MixzooError {
  return new MixzooError('E_OPTION', `cross-dataset: ${message}`);
}

/**
 * The label alignment the strategy's options declare, checked at creation (unknown classes,
 * duplicates, empty names: E_OPTION naming the option); undefined without option 'spaces'.
 */
export function alignmentFromOptions(options: CrossDatasetOptions): LabelAlignment | undefined {
  const { spaces, labelMode, synonyms, mappings } = options;
  const normalize = options.align?.normalize;
  if (spaces === undefined) {
    const given = { synonyms, mappings, 'align.normalize': normalize };
    const needy = Object.keys(given).find((key) => given[key as keyof typeof given] !== undefined);
    if (needy) throw fail(`option '${needy}' names classes or datasets: declare option 'spaces' ({ dataset: [class names] }) too.`);
    return undefined;
  }
  const entries = Object.entries(spaces);
  if (entries.length === 0) throw fail(`option 'spaces' must declare at least one dataset ({ dataset: [class names] }), got {}.`);
  const spaceList = entries.map(([name, given]) => {
    if (name.trim() === '') throw fail(`option 'spaces' has a dataset with an empty name.`);
    const classes = Array.isArray(given) ? given : given.classes;
    if (!Array.isArray(given) && given.name !== name) {
      throw fail(`option 'spaces.${name}' is the LabelSpace '${given.name}': its name must be the dataset's key '${name}'.`);
    }
    const problem = classNamesProblem(classes);
    if (problem) throw fail(`option 'spaces.${name}' ${problem}`);
    return new LabelSpace(name, classes);
  });
  const labels = buildAlignment(spaceList, { mode: labelMode, synonyms, mappings }, { prefix: 'cross-dataset: option ', code: 'E_OPTION' });
  for (const name of Object.keys(normalize ?? {})) {
    if (!labels.datasets.includes(name)) {
      throw fail(`option 'align.normalize' names '${name}', which is not a dataset of option 'spaces'.${didYouMean(name, labels.datasets)} Datasets: ${labels.datasets.join(', ')}.`);
    }
  }
  return labels;
}
