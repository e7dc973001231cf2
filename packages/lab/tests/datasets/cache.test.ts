import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCacheDir, loadDataset, type CacheStatus, type Dataset } from '@mixzoo/lab';
import { loadInChild } from './child.js';

const root = mkdtempSync(join(tmpdir(), 'mixzoo-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const photos = join(root, 'photos');
beforeAll(async () => {
  // 2 classes × 60 small PNGs, each its own shade: enough decoding for two builders to overlap.
  for (const [cls, channel] of [['red', 0], ['blue', 2]] as const) {
    mkdirSync(join(photos, cls), { recursive: true });
    for (let i = 0; i < 60; i++) {
      const rgb = [0, 0, 0];
      rgb[channel] = 40 + 3 * i;
      await sharp({ create: { width: 12, height: 10, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toFile(join(photos, cls, `${i}.png`));
    }
  }
});

/** Loads the photos with `cacheDir`, returning the dataset and what the cache did. */
async function load(cacheDir: string, extra: Record<string, unknown> = {}): Promise<{ d: Dataset; status: CacheStatus | undefined; file?: string }> {
  let status: CacheStatus | undefined;
  let file: string | undefined;
  const d = await loadDataset(`folder:${photos}`, { seed: 0, cacheDir, ...extra, onCache: (s, f) => ((status = s), (file = f)) });
  return { d, status, file };
}

const cacheFiles = (dir: string) => readdirSync(dir).sort();

describe('decode cache', () => {
  it('decodes once, then reads the cache file: the same dataset', async () => {
    const dir = join(root, 'once');
    const first = await load(dir);
    const second = await load(dir);
    expect([first.status, second.status]).toEqual(['built', 'hit']);
    expect(cacheFiles(dir)).toEqual([expect.stringMatching(/^[\w.-]+\.mzimg$/)]);
    expect(second.file).toBe(first.file);
    expect(second.d).toEqual(first.d);
    const off = await load(join(root, 'never'), { cache: false });
    expect(off.status).toBe('off');
    expect(off.d).toEqual(first.d);
    expect(() => readdirSync(join(root, 'never'))).toThrow(); // --no-cache writes nothing
  });

  it('a changed file makes the cache stale: detected and rebuilt, never used', async () => {
    const dir = join(root, 'stale');
    const before = await load(dir);
    const file = join(photos, 'red', '0.png');
    // Same size and name, other pixels, and a newer modification time.
    await sharp({ create: { width: 12, height: 10, channels: 3, background: { r: 250, g: 250, b: 0 } } }).png().toFile(file);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const after = await load(dir);
    expect(after.status).toBe('rebuilt');
    expect(cacheFiles(dir)).toHaveLength(1);
    const yellow = (d: Dataset) => [d.train, d.test].some((s) => Array.from({ length: s.count }, (_, i) => s.x[i * 360 + 1]).some((g) => g > 0.95));
    expect([yellow(before.d), yellow(after.d)]).toEqual([false, true]);
    // Only touching a file (same bytes) also counts: the cache never trusts what it cannot check.
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect((await load(dir)).status).toBe('rebuilt');
    expect((await load(dir)).status).toBe('hit');
  });

  it('a dataset loaded into memory leaves no cache file open', async () => {
    const dir = join(root, 'fds');
    await load(dir);
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 5; i++) await load(dir);
    expect(open()).toBe(before);
  });

  it('other decode settings are another cache file; a truncated cache file is rebuilt', async () => {
    const dir = join(root, 'settings');
    await load(dir);
    const small = await load(dir, { imageSize: 4 });
    expect(small.status).toBe('built');
    expect(small.d.inputShape).toEqual([4, 4, 3]);
    expect(cacheFiles(dir)).toHaveLength(2);
    truncateSync(small.file!, 100);
    const again = await load(dir, { imageSize: 4 });
    expect(again.status).toBe('rebuilt');
    expect(again.d).toEqual(small.d);
  });

  it('lives in $MIXZOO_CACHE_DIR, else $XDG_CACHE_HOME/mixzoo/datasets, else ~/.cache/mixzoo/datasets', () => {
    vi.stubEnv('MIXZOO_CACHE_DIR', '/data/cache');
    expect(defaultCacheDir()).toBe('/data/cache');
    vi.stubEnv('MIXZOO_CACHE_DIR', '');
    vi.stubEnv('XDG_CACHE_HOME', '/xdg');
    expect(defaultCacheDir()).toBe('/xdg/mixzoo/datasets');
    vi.stubEnv('XDG_CACHE_HOME', '');
    expect(defaultCacheDir()).toBe(join(homedir(), '.cache', 'mixzoo', 'datasets'));
  });

  it('two processes building the same cache at once both get the same data and leave one whole cache file', { timeout: 120_000 }, async () => {
    const dir = join(root, 'race');
    const barrier = join(root, 'go');
    // Both children load once both are ready: both find no cache and decode at the same time.
    let ready = 0;
    const go = () => ++ready === 2 && writeFileSync(barrier, '');
    const spec = `folder:${photos}`;
    const [a, b] = await Promise.all([loadInChild(spec, { cacheDir: dir, barrier }, [], go), loadInChild(spec, { cacheDir: dir, barrier }, [], go)]);
    expect(a.digest).toBe(b.digest);
    expect([a.status, b.status].every((s) => s === 'built' || s === 'reused')).toBe(true);
    expect(cacheFiles(dir)).toEqual([expect.stringMatching(/\.mzimg$/)]); // no temporary files left
    const later = await load(dir);
    expect(later.status).toBe('hit');
    const digest = createHash('sha256').update(later.d.train.x).update(later.d.train.y).update(later.d.test.x).update(later.d.test.y).digest('hex');
    expect(digest).toBe(a.digest);
  });

  it('refuses a cache folder it cannot create', async () => {
    const blocker = join(root, 'file');
    writeFileSync(blocker, 'x');
    await expect(load(join(blocker, 'sub'))).rejects.toThrow(/cannot create the decode cache folder .*--cache-dir, or --no-cache/);
  });
});
