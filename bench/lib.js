// Timing helpers shared by the bench modules: warm-up, repetitions, median; a table printer.
import { performance } from 'node:perf_hooks';

/**
 * Times `fn` (sync or async): `warmup` untimed calls, then up to `reps` timed calls, stopping
 * early once `budgetMs` of timed work is spent (at least `minReps`). Returns ms statistics.
 */
export async function measure(fn, { warmup = 3, reps = 20, minReps = 3, budgetMs = 4000 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  let spent = 0;
  while (times.length < reps && (times.length < minReps || spent < budgetMs)) {
    const t0 = performance.now();
    await fn();
    const dt = performance.now() - t0;
    times.push(dt);
    spent += dt;
  }
  return { median: median(times), min: Math.min(...times), reps: times.length };
}

/**
 * Times several variants round-robin (one call of each per repetition, after `warmup` untimed
 * rounds), so a busy machine slows them alike and their ratios stay comparable. Returns
 * `{ [name]: { median, min, reps } }`.
 */
export async function measureInterleaved(variants, { warmup = 2, reps = 20 } = {}) {
  const names = Object.keys(variants);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = -warmup; r < reps; r++) {
    for (const name of names) {
      const t0 = performance.now();
      await variants[name]();
      if (r >= 0) times[name].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { median: median(times[n]), min: Math.min(...times[n]), reps }]));
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Benches never use Math.random: their data come from the tests' seeded PRNG.
export { prng } from '../test/helpers/prng.js';

/** A seeded random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n, next) {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** Formats a number of ms with sensible precision. */
export const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Prints rows (arrays of cells) under `header` as a Markdown table with aligned columns. */
export function printTable(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log(line(all[0]));
  console.log(`|${widths.map((w, c) => (c === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const r of all.slice(1)) console.log(line(r));
}
