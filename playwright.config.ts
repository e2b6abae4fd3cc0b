// Playwright drives Debian's Chromium (never a downloaded browser) against the release build
// served under /vpc-playground/, as GitHub Pages serves it (scripts/build-site.sh lays it out).
import { defineConfig } from '@playwright/test';

// PW_PORT lets two checkouts (or the benchmarks) run Playwright at once without one reusing
// the other's server and so testing the wrong build.
const PORT = Number(process.env.PW_PORT || 8765);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'target/playwright-results',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/vpc-playground/`,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
        '--no-first-run', '--disable-background-networking', '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `python3 scripts/serve_static.py target/site ${PORT}`,
    url: `http://127.0.0.1:${PORT}/vpc-playground/`,
    reuseExistingServer: !process.env.CI,
    timeout: 20_000,
  },
});
