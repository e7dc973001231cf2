// `npm run lint`: typescript-eslint's strict type-checked rules over every TypeScript file (one
// program from tsconfig.eslint.json: sources, tests and docs examples), ESLint's recommended
// rules over the plain JS files (bench/, scripts/, the bin, test fixtures).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const readonly = (names) => Object.fromEntries(names.map((name) => [name, 'readonly']));
const nodeGlobals = readonly(['console', 'process', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'Buffer']);
const browserGlobals = readonly(['console', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'window', 'document', 'navigator']);

export default defineConfig(
  { ignores: ['**/dist/**', 'docs/api/**', '**/node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers in messages ('got 3') are the norm; everything else goes through describeValue()/String().
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowNumber: true, allowRegExp: false },
      ],
      // `() => expect(...).toThrow()` and `(x) => void work(x)`-style shorthands say what they mean.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { dropped: _, ...rest } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The playground page is browser code: its own program (packages/playground/tsconfig.json) has the DOM types.
    files: ['packages/playground/src/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./packages/playground/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['packages/*/tests/**/*.ts', 'test/**/*.ts', 'docs/examples/*.ts'],
    rules: {
      // In tests (and the docs examples, which run as tests) `found!` on a value the code just
      // produced fails loudly if wrong; sources narrow or throw a MixzooError instead.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // vitest's asymmetric matchers (expect.stringContaining, expect.closeTo, ...) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['packages/kernels/src/webgl/index.ts', 'packages/kernels/src/webgpu/index.ts'],
    rules: {
      // tfjs hands a kernel its backend typed as the base class; an instanceof check would fail where a second copy of the backend package registered it.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['packages/kernels/src/dispatch.ts'],
    rules: {
      // `void engine().backend` reads a getter for its side effect: it starts the best backend, as runKernel would.
      '@typescript-eslint/no-meaningless-void-operator': 'off',
    },
  },
  {
    files: ['test/helpers/fuzz-cases.ts'],
    rules: {
      // The fuzz cases overwrite plan fields with values of the wrong type on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['test/report-browser.test.ts'],
    rules: {
      // page.evaluate() callbacks run in the browser; the Node typings of this program have no DOM.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Pages that run in the browser.
    files: ['bench/browser/page.js', 'test/browser/bundle-page/*.js'],
    languageOptions: { globals: browserGlobals },
  },
);
