import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against src/ (no build needed); each scoped package maps to its entry point.
export default defineConfig({
  resolve: {
    alias: {
      '@mixzoo/core': src('core'),
      '@mixzoo/kernels': src('kernels'),
      '@mixzoo/mixup': src('mixup'),
      '@mixzoo/masks': src('masks'),
      '@mixzoo/cross-dataset': src('cross-dataset'),
      '@mixzoo/augment': src('augment'),
      '@mixzoo/lab': src('lab'),
      mixzoo: src('mixzoo'),
    },
  },
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
