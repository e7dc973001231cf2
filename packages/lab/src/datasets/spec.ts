import { existsSync, statSync } from 'node:fs';
import { closestMatch, describeValue, didYouMean, MixzooError } from '@mixzoo/core';

/** Every dataset spec form, as shown in messages and help texts. */
export const DATASET_SPECS = [
  'mnist',
  'fashion-mnist',
  'idx:<dir>',
  'folder:<dir>',
  'cifar10:<dir>',
  'cifar100:<dir>[:coarse|fine]',
  'index:<file.csv|json>',
  'moons',
  'spirals',
] as const;

/** The named datasets (no folder to give). */
export const NAMED_DATASETS = ['mnist', 'fashion-mnist', 'moons', 'spirals'] as const;
export type NamedDataset = (typeof NAMED_DATASETS)[number];

/** A parsed dataset spec; `spec` is its canonical text (a plain folder `./photos` becomes `folder:./photos`). */
export type DatasetSpec =
  | { [K in NamedDataset]: { kind: K; spec: string } }[NamedDataset]
  | { kind: 'idx'; dir: string; spec: string }
  | { kind: 'folder'; dir: string; spec: string }
  | { kind: 'cifar10'; dir: string; spec: string }
  | { kind: 'cifar100'; dir: string; labels: 'coarse' | 'fine'; spec: string }
  | { kind: 'index'; file: string; spec: string };

const PREFIXES = ['idx', 'folder', 'cifar10', 'cifar100', 'index'] as const;

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();
const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
/** The spec form of a prefix, as DATASET_SPECS shows it: 'cifar100' → 'cifar100:<dir>[:coarse|fine]'. */
const specForm = (prefix: string): string => DATASET_SPECS.find((s) => s.startsWith(`${prefix}:`)) ?? `${prefix}:<dir>`;
const looksLikePath = (text: string) => /[\\/]/.test(text) || text.startsWith('.') || text.startsWith('~');

/**
 * The one reader of dataset specs (loadDataset and every CLI command use it): 'mnist',
 * 'fashion-mnist', 'moons', 'spirals', 'idx:<dir>', 'folder:<dir>' (class folders, or train/ and
 * val/ or test/ of class folders), 'cifar10:<dir>', 'cifar100:<dir>' with an optional ':coarse'
 * or ':fine' (default fine), 'index:<file>' (a CSV or JSON list of path,label), or the path of an
 * existing folder, read as 'folder:<dir>' (a folder named like a dataset needs the prefix or './').
 * The folder or file named must exist. Errors are E_DATASET, prefixed with `where`, with a
 * suggestion for typos ('mnst' → 'mnist', 'cifar-10:x' → 'cifar10:x').
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
    if (kind === 'index') {
      if (dir === '') throw new MixzooError('E_DATASET', `${where}: '${text}' names no file; expected index:<file.csv|json>.`);
      if (!isFile(dir)) throw new MixzooError('E_DATASET', `${where}: index file '${dir}' does not exist (from '${text}').`);
      return { kind, file: dir, spec: text };
    }
    if (kind === 'cifar100') {
      const match = /^(.*):(coarse|fine)$/.exec(dir);
      const folder = match ? match[1] : dir;
      if (folder === '') throw new MixzooError('E_DATASET', `${where}: '${text}' names no folder; expected cifar100:<dir>[:coarse|fine].`);
      if (!isDir(folder)) throw new MixzooError('E_DATASET', `${where}: '${folder}' is not a folder (from '${text}').`);
      return { kind, dir: folder, labels: match ? (match[2] as 'coarse' | 'fine') : 'fine', spec: text };
    }
    if (dir === '') throw new MixzooError('E_DATASET', `${where}: '${text}' names no folder; expected ${kind}:<dir>.`);
    if (kind !== 'idx' && !isDir(dir)) throw new MixzooError('E_DATASET', `${where}: '${dir}' is not a folder (from '${text}').`);
    if (kind === 'idx' && !isDir(dir)) throw new MixzooError('E_DATASET', `${where}: folder '${dir}' does not exist (from '${text}').`);
    return { kind, dir, spec: text };
  }
  if ((PREFIXES as readonly string[]).includes(text)) {
    throw new MixzooError('E_DATASET', `${where}: '${text}' names no ${text === 'index' ? 'file' : 'folder'}; expected ${specForm(text)}.`);
  }
  const unknown = (hint: string) =>
    new MixzooError('E_DATASET', `${where}: unknown dataset ${describeValue(text)}; expected one of ${DATASET_SPECS.join(', ')}.${hint}`);
  // 'foldr:./photos' → folder:./photos (a Windows drive 'C:' is no prefix).
  const prefixHint = /^[a-z0-9-]{2,}$/i.test(prefix) ? didYouMean(prefix, PREFIXES) : '';
  if (prefixHint) throw unknown(prefixHint.replace(/'([\w-]+)'/, `'$1:${text.slice(colon + 1)}'`));
  if (isDir(text)) return { kind: 'folder', dir: text, spec: `folder:${text}` };
  if (looksLikePath(text)) throw new MixzooError('E_DATASET', `${where}: '${text}' is not a folder (a folder of images, one sub-folder per class, is read as folder:<dir>).`);
  // 'cifar-10' → cifar10:<dir>: a prefix typed without its folder.
  const match = closestMatch(text, [...NAMED_DATASETS, ...PREFIXES]);
  const meant = match && (PREFIXES as readonly string[]).includes(match) ? specForm(match) : match;
  throw unknown(meant ? ` Did you mean '${meant}'?` : '');
}
