// Benchmarks only (scripts/bench.sh): the same static server as the tests, one worker.
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  workers: 1,
  fullyParallel: false,
});
