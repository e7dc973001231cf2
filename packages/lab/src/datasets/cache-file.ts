import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { MixzooError } from '@mixzoo/core';
import { DECODE_CHUNK, rowBytes, type ImageSource, type ImageStore, type SplitName } from './image-source.js';

// A decode cache file: 'MXZIMG01', the header's length (uint32 LE), the header (JSON), then for
// each split present (train, then test) its labels (int32 LE) and its pixels (uint8, NHWC rows).

const MAGIC = Buffer.from('MXZIMG01', 'latin1');
/** Bumped whenever decoding changes: older cache files are then stale. */
const CACHE_FORMAT = 1;

interface Header {
  format: number;
  key: string;
  classNames: string[];
  height: number;
  width: number;
  channels: number;
  counts: { train: number; test?: number };
}

/** What the loader did with the decode cache. */
export type CacheStatus =
  /** Read a valid cache file. */
  | 'hit'
  /** None existed: decoded and written one. */
  | 'built'
  /** One existed but its files or settings changed (stale): decoded and replaced it. */
  | 'rebuilt'
  /** Another process finished the same cache first while this one decoded: its file is used. */
  | 'reused'
  /** --no-cache: decoded into memory. */
  | 'off';

/**
 * The default folder of decode caches: $MIXZOO_CACHE_DIR, else $XDG_CACHE_HOME/mixzoo/datasets,
 * else ~/.cache/mixzoo/datasets.
 */
export function defaultCacheDir(): string {
  const env = process.env;
  if (env.MIXZOO_CACHE_DIR) return env.MIXZOO_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mixzoo', 'datasets');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The key of a source's decoded bytes: every file's absolute path, size and modification time, the decode settings, the cache format. */
export function cacheKey(source: ImageSource): string {
  const files = source.files.map((file) => {
    const info = statSync(file);
    return [resolve(file), info.size, info.mtimeMs];
  });
  return sha256(JSON.stringify({ format: CACHE_FORMAT, settings: source.settings, classNames: source.classNames, files }));
}

/** The cache file of a source in `dir`: named by its root and settings, so a changed file makes the same name stale rather than a new file. */
export function cacheFile(dir: string, source: ImageSource): string {
  const slug = source.root.split(/[\\/]/).filter(Boolean).slice(-2).join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
  return join(dir, `${slug}-${sha256(JSON.stringify([source.root, source.settings])).slice(0, 16)}.mzimg`);
}

function layout(header: Header): { offsets: Partial<Record<SplitName, { labels: number; pixels: number }>>; start: number; total: number } {
  const size = rowBytes(header);
  const start = MAGIC.length + 4 + Buffer.byteLength(JSON.stringify(header));
  let at = start;
  const offsets: Partial<Record<SplitName, { labels: number; pixels: number }>> = {};
  for (const split of ['train', 'test'] as const) {
    const count = header.counts[split];
    if (count === undefined) continue;
    offsets[split] = { labels: at, pixels: at + 4 * count };
    at += count * (4 + size);
  }
  return { offsets, start, total: at };
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error('unexpected end of file');
    done += n;
  }
  return buf;
}

/** The header of a cache file, or undefined when it is not a complete cache file of this format. */
function readHeader(fd: number): Header | undefined {
  try {
    const head = readExactly(fd, MAGIC.length + 4, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const header = JSON.parse(readExactly(fd, head.readUInt32LE(MAGIC.length), MAGIC.length + 4).toString('utf8')) as Header;
    if (header.format !== CACHE_FORMAT || fstatSync(fd).size !== layout(header).total) return undefined;
    return header;
  } catch {
    return undefined;
  }
}

/** A store reading rows from an open cache file (one read per run of consecutive rows). */
function fileStore(file: string, fd: number, header: Header): ImageStore {
  const { offsets } = layout(header);
  const size = rowBytes(header);
  const labels: ImageStore['labels'] = { train: new Int32Array(0) };
  for (const split of ['train', 'test'] as const) {
    const at = offsets[split];
    const count = header.counts[split];
    if (!at || count === undefined) continue;
    const bytes = readExactly(fd, 4 * count, at.labels);
    labels[split] = Int32Array.from({ length: count }, (_, i) => bytes.readInt32LE(4 * i));
  }
  return {
    classNames: header.classNames,
    height: header.height,
    width: header.width,
    channels: header.channels,
    labels,
    file,
    readRows(split, rows, out) {
      const base = offsets[split]?.pixels ?? 0;
      for (let i = 0; i < rows.length; ) {
        let run = 1;
        while (i + run < rows.length && rows[i + run] === rows[i] + run) run++;
        let done = 0;
        while (done < run * size) {
          const n = readSync(fd, out, i * size + done, run * size - done, base + rows[i] * size + done);
          if (n === 0) throw new MixzooError('E_DATASET', `decode cache '${file}' is truncated; delete it and load again.`);
          done += n;
        }
        i += run;
      }
    },
    close() {
      closeSync(fd);
    },
  };
}

/** The cache file as a store when it holds `key`; 'stale' when it holds something else; undefined when absent. */
function openCache(file: string, key: string): ImageStore | 'stale' | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  const header = readHeader(fd);
  if (header?.key !== key) {
    closeSync(fd);
    return 'stale';
  }
  return fileStore(file, fd, header);
}

/** Writes the decoded source to `temp` (header, labels, then pixels chunk by chunk). */
async function writeCache(source: ImageSource, temp: string, key: string): Promise<void> {
  const shape = await source.shape();
  const header: Header = {
    format: CACHE_FORMAT,
    key,
    classNames: source.classNames,
    ...shape,
    counts: { train: source.labels.train.length, ...(source.labels.test ? { test: source.labels.test.length } : {}) },
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(MAGIC.length + 4);
  MAGIC.copy(head);
  head.writeUInt32LE(json.length, MAGIC.length);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, head);
    writeSync(fd, json);
    const size = rowBytes(shape);
    const chunk = new Uint8Array(DECODE_CHUNK * size);
    for (const split of ['train', 'test'] as const) {
      const labels = source.labels[split];
      if (!labels) continue;
      const bytes = Buffer.alloc(4 * labels.length);
      labels.forEach((label, i) => bytes.writeInt32LE(label, 4 * i));
      writeSync(fd, bytes);
      for (let start = 0; start < labels.length; start += DECODE_CHUNK) {
        const count = Math.min(DECODE_CHUNK, labels.length - start);
        const rows = chunk.subarray(0, count * size);
        await source.decode(split, start, count, rows);
        writeSync(fd, rows);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The source's decoded images from the cache in `dir`: read when the cache file's key matches
 * (same files, sizes, mtimes and settings); otherwise decoded into a temporary file that is then
 * renamed over the cache file (atomic: a reader sees the old file or the new one, never a partial
 * one). A process that finishes decoding after another one wrote the same key uses that file.
 */
export async function cachedStore(source: ImageSource, dir: string, onStatus?: (status: CacheStatus, file: string) => void): Promise<ImageStore> {
  const file = cacheFile(dir, source);
  const key = cacheKey(source);
  const found = openCache(file, key);
  if (found && found !== 'stale') {
    onStatus?.('hit', file);
    return found;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new MixzooError('E_DATASET', `cannot create the decode cache folder '${dir}': ${(error as Error).message}; pass another with --cache-dir, or --no-cache.`);
  }
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeCache(source, temp, key);
    const theirs = existsSync(file) ? openCache(file, key) : undefined;
    if (theirs && theirs !== 'stale') {
      onStatus?.('reused', file);
      return theirs;
    }
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  const written = openCache(file, key);
  if (!written || written === 'stale') throw new MixzooError('E_DATASET', `decode cache '${file}' was replaced while it was written; load again.`);
  onStatus?.(found === 'stale' ? 'rebuilt' : 'built', file);
  return written;
}
