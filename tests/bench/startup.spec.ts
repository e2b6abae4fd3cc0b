// Start-up benchmark (not a test: run by scripts/bench.sh with its own config). Ten cold
// loads of the release build from the local static server; for each, the time from
// navigation to the first paint of the canvas (first-contentful-paint once the canvas is
// in the page) and to the first trace being interactive (its verdict in role="status").
// In the same run, the same loads of the baseline page (crates/baseline: the smallest
// Leptos page with a canvas, served at /baseline/), whose "ready" is its role="status" text,
// and of the viewer (embed.html) opening the same lesson from a share link, as the Embed
// dialog's snippet does.
import { test, chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { deflateRawSync } from 'zlib';

/** The welcome lesson (the app's first-run scenario) as a share link's `#s=` data. */
function lessonLink(): string {
  const root = resolve(__dirname, '..', '..');
  const json = readFileSync(join(root, 'crates', 'engine', 'scenarios', '01-transitive-peering.json'));
  return deflateRawSync(json).toString('base64url');
}

const RUNS = Number(process.env.STARTUP_RUNS || 10);

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

type Page = import('@playwright/test').Page;

async function coldLoads(url: string, ready: (page: Page) => Promise<void>) {
  const paint: number[] = [];
  const interactive: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A new browser each time: nothing cached, as a first visit.
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
        '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    await ready(page);
    const t = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      return { fcp, now: performance.now() };
    });
    paint.push(t.fcp);
    interactive.push(t.now);
    await browser.close();
  }
  return { paint, interactive };
}

test('cold start-up, median of runs, app and baseline', async ({ baseURL }) => {
  test.setTimeout(RUNS * 2 * 30_000);
  const app = await coldLoads(baseURL!, async (page) => {
    await page.getByTestId('topology-canvas').waitFor();
    await page.getByRole('status').filter({ hasText: /Delivered|Dropped/ }).waitFor();
  });
  const viewer = await coldLoads(new URL(`embed.html#s=${lessonLink()}&embed=1`, baseURL!).toString(), async (page) => {
    await page.getByTestId('topology-canvas').waitFor();
    await page.getByRole('status').filter({ hasText: /Delivered|Dropped/ }).waitFor();
  });
  const base = await coldLoads(new URL('/baseline/', baseURL!).toString(), async (page) => {
    await page.getByTestId('baseline-canvas').waitFor();
    await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor();
  });
  const out = {
    runs: RUNS,
    first_paint_ms: median(app.paint),
    first_trace_ms: median(app.interactive),
    viewer_first_paint_ms: median(viewer.paint),
    viewer_first_trace_ms: median(viewer.interactive),
    baseline_first_paint_ms: median(base.paint),
    baseline_ready_ms: median(base.interactive),
    app,
    viewer,
    baseline: base,
  };
  writeFileSync('target/bench-startup.json', JSON.stringify(out, null, 2));
  console.log(`BENCH startup-first-paint ${out.first_paint_ms.toFixed(1)} ms (baseline ${out.baseline_first_paint_ms.toFixed(1)} ms)`);
  console.log(`BENCH startup-first-trace ${out.first_trace_ms.toFixed(1)} ms (baseline ready ${out.baseline_ready_ms.toFixed(1)} ms)`);
  console.log(`BENCH startup-viewer ${out.viewer_first_paint_ms.toFixed(1)} ms first paint, ${out.viewer_first_trace_ms.toFixed(1)} ms first trace`);
});
