import type { Browser } from 'playwright-core';

export const CHROMIUM: string;
export const chromiumInstalled: boolean;
export const GPU_FLAGS: string[];
export function sourceAliases(): Array<{ find: RegExp; replacement: string }>;
export function buildPage(dir: string, outDir: string): Promise<void>;
export function serve(dir: string): Promise<{ url: string; close(): Promise<void> }>;
export function launchChromium(): Promise<Browser>;
