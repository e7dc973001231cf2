import type { Plugin } from '@mixzoo/core';

/** Cross-dataset mixing with label-space alignment, as a plugin. */
export const crossDatasetPlugin: Plugin = {
  name: '@mixzoo/cross-dataset',
  register() {},
};
