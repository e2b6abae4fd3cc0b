// Benchmarks only (scripts/bench.sh): the same static server as the tests, one worker.
import { defineConfig } from '@playwright/test';
import { resolve } from 'path';
import base from '../../playwright.config';

const root = resolve(__dirname, '../..');

export default defineConfig({
  ...base,
  testDir: '.',
  outputDir: resolve(root, 'target/playwright-bench'),
  workers: 1,
  fullyParallel: false,
  webServer: { ...(base.webServer as object), cwd: root } as any,
});
