// The grid renderer lives in the lab (its reports draw the same grids); re-exported for the CLI and tests.
export { gridLayout, renderGrid, type GridLayout } from '@mixzoo/lab';
