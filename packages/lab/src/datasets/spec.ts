import { existsSync, statSync } from 'node:fs';
import { describeValue, didYouMean, MixzooError } from '@mixzoo/core';

/** Every dataset spec form, as shown in messages and help texts. */
export const DATASET_SPECS = ['mnist', 'fashion-mnist', 'idx:<dir>', 'folder:<dir>', 'moons', 'spirals'] as const;

/** The named datasets (no folder to give). */
export const NAMED_DATASETS = ['mnist', 'fashion-mnist', 'moons', 'spirals'] as const;
export type NamedDataset = (typeof NAMED_DATASETS)[number];

/** A parsed dataset spec; `spec` is its canonical text (a plain folder `./photos` becomes `folder:./photos`). */
export type DatasetSpec =
  | { [K in NamedDataset]: { kind: K; spec: string } }[NamedDataset]
  | { kind: 'idx'; dir: string; spec: string }
  | { kind: 'folder'; dir: string; spec: string };

const PREFIXES = ['idx', 'folder'] as const;

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();
const looksLikePath = (text: string) => /[\\/]/.test(text) || text.startsWith('.') || text.startsWith('~');

/**
 * The one reader of dataset specs (loadDataset and every CLI command use it): 'mnist',
 * 'fashion-mnist', 'moons', 'spirals', 'idx:<dir>', 'folder:<dir>', or the path of an existing
 * folder, read as 'folder:<dir>' (a folder named like a dataset needs the prefix or './').
 * The folder of idx:/folder: must exist. Errors are E_DATASET, prefixed with `where`, with a
 * suggestion for typos ('mnst' → 'mnist').
 */
export function parseDatasetSpec(text: unknown, where = 'loadDataset'): DatasetSpec {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new MixzooError('E_DATASET', `${where}: expected a dataset spec (${DATASET_SPECS.join(', ')}), got ${describeValue(text)}.`);
  }
  if ((NAMED_DATASETS as readonly string[]).includes(text)) return { kind: text as NamedDataset, spec: text };
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? text.slice(0, colon) : '';
  if ((PREFIXES as readonly string[]).includes(prefix)) {
    const dir = text.slice(colon + 1);
    const kind = prefix as (typeof PREFIXES)[number];
    if (dir === '') throw new MixzooError('E_DATASET', `${where}: '${text}' names no folder; expected ${kind}:<dir>.`);
    if (kind === 'folder' && !isDir(dir)) throw new MixzooError('E_DATASET', `${where}: '${dir}' is not a folder (from '${text}').`);
    if (kind === 'idx' && !isDir(dir)) throw new MixzooError('E_DATASET', `${where}: folder '${dir}' does not exist (from '${text}').`);
    return { kind, dir, spec: text };
  }
  const unknown = (hint: string) =>
    new MixzooError('E_DATASET', `${where}: unknown dataset ${describeValue(text)}; expected one of ${DATASET_SPECS.join(', ')}.${hint}`);
  // 'foldr:./photos' → folder:./photos (a Windows drive 'C:' is no prefix).
  const prefixHint = /^[a-z-]{2,}$/i.test(prefix) ? didYouMean(prefix, PREFIXES) : '';
  if (prefixHint) throw unknown(prefixHint.replace(/'(\w+)'/, `'$1:${text.slice(colon + 1)}'`));
  if (isDir(text)) return { kind: 'folder', dir: text, spec: `folder:${text}` };
  if (looksLikePath(text)) throw new MixzooError('E_DATASET', `${where}: '${text}' is not a folder (a folder of images, one sub-folder per class, is read as folder:<dir>).`);
  throw unknown(didYouMean(text, NAMED_DATASETS));
}
