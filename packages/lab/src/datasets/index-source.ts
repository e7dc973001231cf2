import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { describeValue, isObject, MixzooError } from '@mixzoo/core';
import { fileSource, type LabelledFile } from './file-source.js';
import type { ImageDecodeOptions } from './image-options.js';
import type { ImageSource } from './image-source.js';

/** One row of an index: an image path (relative to the index file's folder, or absolute), its class, and optionally its split. */
interface IndexRow {
  path: string;
  label: string;
  split?: 'train' | 'test';
}

const SPLITS: Record<string, 'train' | 'test'> = { train: 'train', test: 'test', val: 'test' };

/** The fields of one CSV line: commas separate, double quotes quote ("" is a quote inside). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** Rows of a CSV index: `path,label[,split]` per line; a first line `path,label[,split]` is a header; blank lines skipped. */
function csvRows(text: string, where: string): unknown[] {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => line.trim() !== '');
  if (lines.length > 0 && /^path$/i.test(csvFields(lines[0].line)[0])) lines.shift();
  return lines.map(({ line, n }) => {
    const fields = csvFields(line);
    if (fields.length < 2 || fields.length > 3) throw new MixzooError('E_DATASET', `${where}: line ${n}: expected path,label or path,label,split, got '${line}'.`);
    return { path: fields[0], label: fields[1], ...(fields.length === 3 ? { split: fields[2] } : {}) };
  });
}

/** A row checked: a non-empty path, a label (string, or a number read as its text), a split among train, test, val. */
function checkRow(value: unknown, i: number, where: string): IndexRow {
  const bad = (what: string) => new MixzooError('E_DATASET', `${where}: entry ${i + 1}: ${what}, got ${describeValue(value)}.`);
  if (!isObject(value)) throw bad('expected { path, label[, split] }');
  const row = value as Partial<Record<'path' | 'label' | 'split', unknown>>;
  if (typeof row.path !== 'string' || row.path === '') throw bad(`'path' must be a non-empty string`);
  if (!(typeof row.label === 'string' && row.label !== '') && typeof row.label !== 'number') throw bad(`'label' must be a class name or number`);
  if (row.split !== undefined && !(typeof row.split === 'string' && row.split in SPLITS)) throw bad(`'split' must be train, test or val`);
  return { path: row.path, label: String(row.label), ...(row.split !== undefined ? { split: SPLITS[row.split] } : {}) };
}

/** Class names in order: numerically when every label is an integer, else by text. */
function sortedClasses(labels: Iterable<string>): string[] {
  const names = [...new Set(labels)];
  return names.every((n) => /^-?\d+$/.test(n)) ? names.sort((a, b) => Number(a) - Number(b)) : names.sort();
}

/**
 * An index file as an ImageSource, for images laid out any other way: CSV (`path,label` lines,
 * optional header, optional third column `split`) or JSON (an array of { path, label, split? }).
 * Paths are relative to the index file's folder; labels are class names (or numbers). With a
 * split on every row (train, test; val counts as test) those are the given splits; with none, one
 * pool split with the seed; some rows with and some without is an error.
 */
export function indexSource(file: string, options: ImageDecodeOptions): ImageSource {
  const name = `index:${file}`;
  const where = `loadDataset(${name})`;
  if (!existsSync(file) || !statSync(file).isFile()) throw new MixzooError('E_DATASET', `${where}: '${file}' is not a file.`);
  const text = readFileSync(file, 'utf8');
  let raw: unknown[];
  if (extname(file).toLowerCase() === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MixzooError('E_DATASET', `${where}: not valid JSON (${(error as Error).message}).`);
    }
    if (!Array.isArray(value)) throw new MixzooError('E_DATASET', `${where}: expected a JSON array of { path, label[, split] }, got ${describeValue(value)}.`);
    raw = value;
  } else raw = csvRows(text, where);
  const rows = raw.map((r, i) => checkRow(r, i, where));
  const classNames = sortedClasses(rows.map((r) => r.label));
  if (classNames.length < 2) throw new MixzooError('E_DATASET', `${where}: expected at least 2 classes, found ${classNames.length} in ${rows.length} entries.`);
  const withSplit = rows.filter((r) => r.split).length;
  if (withSplit !== 0 && withSplit !== rows.length) throw new MixzooError('E_DATASET', `${where}: ${withSplit} of ${rows.length} entries name a split; name one on every entry or on none.`);
  const base = dirname(resolve(file));
  const labelled = (list: IndexRow[]): LabelledFile[] =>
    list.map((r) => {
      const path = isAbsolute(r.path) ? r.path : join(base, r.path);
      if (!existsSync(path)) throw new MixzooError('E_DATASET', `${where}: '${r.path}' does not exist (looked for '${path}').`);
      return { path, label: classNames.indexOf(r.label) };
    });
  const files = withSplit
    ? { train: labelled(rows.filter((r) => r.split === 'train')), test: labelled(rows.filter((r) => r.split === 'test')) }
    : { train: labelled(rows) };
  if (files.train.length === 0 || files.test?.length === 0) throw new MixzooError('E_DATASET', `${where}: the train and test splits each need at least one entry.`);
  return fileSource({ name, root: resolve(file), classNames, files, labelFiles: [resolve(file)], where }, options);
}
