// Start-up benchmark (not a test: run by scripts/bench.sh with its own config). Ten cold
// loads of the release build from the local static server; for each, the time from
// navigation to the first paint (first-contentful-paint: the loading screen of index.html
// and embed.html), to the first trace being interactive (its verdict in role="status") and
// to the diagram's first frame being painted (the next animation frame after that).
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


/**
 * Cold loads of `url`, each until the canvas `testId` is in the page and a `role="status"`
 * element's text matches `ready`. The page is watched by a script of our own in the page
 * from its start (a check at each animation frame: the first frame at which it is ready is
 * the "first trace shown"), not by Playwright's locators: their selector engine is
 * a script of some 30 ms that Playwright evaluates in the page the first time one is used,
 * on the page's main thread, in the middle of the start-up being measured. The locators
 * check the page once the figures are taken.
 */
async function coldLoads(url: string, testId: string, ready: RegExp) {
  const paint: number[] = [];
  const interactive: number[] = [];
  const shown: number[] = [];
  // The page's own User Timing marks (`vpc:start`, `vpc:opened`, `vpc:mounted`,
  // `vpc:canvas-drawn`: src/dom.rs `mark`), where it sets them: where start-up's time goes.
  const marks: Record<string, number[]> = {};
  for (let i = 0; i < RUNS; i++) {
    // A new browser each time: nothing cached, as a first visit.
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
        '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // From the start of the page: the first animation frame at which it is ready.
    await page.addInitScript(([testId, ready]) => {
      const re = new RegExp(ready);
      const isReady = () => document.querySelector(`[data-testid="${testId}"]`) !== null
        && [...document.querySelectorAll('[role="status"]')].some((e) => re.test(e.textContent ?? ''));
      // The frame after the ready one starts once that one is out: when the diagram's
      // first frame was painted. The first contentful paint is the pages' loading screen
      // (index.html's #boot) since session 12; this is the paint the learner waits for.
      const check = () => {
        if (isReady()) {
          (window as any).__readyAt = performance.now();
          requestAnimationFrame(() => { (window as any).__paintedAt = performance.now(); });
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, [testId, ready.source] as const);
    await page.goto(url);
    const t = await page.evaluate(async () => {
      while ((window as any).__paintedAt === undefined) await new Promise((r) => setTimeout(r, 20));
      const now: number = (window as any).__readyAt;
      const painted: number = (window as any).__paintedAt;
      // The first contentful paint is reported once its frame is presented.
      const fcp = await new Promise<number>((resolve) => {
        new PerformanceObserver((list, observer) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) { observer.disconnect(); resolve(e.startTime); }
        }).observe({ type: 'paint', buffered: true });
      });
      const marks = performance.getEntriesByType('mark')
        .filter((m) => m.name.startsWith('vpc:'))
        .map((m) => [m.name.slice(4), m.startTime] as [string, number]);
      const wasm = performance.getEntriesByType('resource')
        .filter((r) => r.name.endsWith('.wasm'))
        .map((r) => ['wasm-downloaded', (r as PerformanceResourceTiming).responseEnd] as [string, number]);
      return { fcp, now, painted, marks: [...wasm, ...marks] };
    });
    await page.getByTestId(testId).waitFor();
    await page.getByRole('status').filter({ hasText: ready }).first().waitFor();
    paint.push(t.fcp);
    interactive.push(t.now);
    shown.push(t.painted);
    for (const [name, at] of t.marks) (marks[name] ??= []).push(at);
    await browser.close();
  }
  return { paint, interactive, shown, marks };
}

/** The median of each mark the page set in every run. */
function markMedians(marks: Record<string, number[]>) {
  return Object.fromEntries(Object.entries(marks).filter(([, at]) => at.length === RUNS)
    .map(([name, at]) => [name, Math.round(median(at))]));
}

test('cold start-up, median of runs, app and baseline', async ({ baseURL }) => {
  test.setTimeout(RUNS * 2 * 30_000);
  const verdict = /Delivered|Dropped/;
  const app = await coldLoads(baseURL!, 'topology-canvas', verdict);
  const viewer = await coldLoads(new URL(`embed.html#s=${lessonLink()}&embed=1`, baseURL!).toString(),
    'topology-canvas', verdict);
  const base = await coldLoads(new URL('/baseline/', baseURL!).toString(), 'baseline-canvas', /Ready/);
  const out = {
    runs: RUNS,
    first_paint_ms: median(app.paint),
    first_trace_ms: median(app.interactive),
    diagram_painted_ms: median(app.shown),
    viewer_first_paint_ms: median(viewer.paint),
    viewer_first_trace_ms: median(viewer.interactive),
    viewer_diagram_painted_ms: median(viewer.shown),
    baseline_first_paint_ms: median(base.paint),
    baseline_ready_ms: median(base.interactive),
    baseline_painted_ms: median(base.shown),
    app_marks_ms: markMedians(app.marks),
    viewer_marks_ms: markMedians(viewer.marks),
    baseline_marks_ms: markMedians(base.marks),
    app,
    viewer,
    baseline: base,
  };
  writeFileSync('target/bench-startup.json', JSON.stringify(out, null, 2));
  console.log(`BENCH startup-first-paint ${out.first_paint_ms.toFixed(1)} ms (baseline ${out.baseline_first_paint_ms.toFixed(1)} ms)`);
  console.log(`BENCH startup-diagram-painted ${out.diagram_painted_ms.toFixed(1)} ms (viewer ${out.viewer_diagram_painted_ms.toFixed(1)} ms, baseline ${out.baseline_painted_ms.toFixed(1)} ms)`);
  console.log(`BENCH startup-first-trace ${out.first_trace_ms.toFixed(1)} ms (baseline ready ${out.baseline_ready_ms.toFixed(1)} ms)`);
  console.log(`BENCH startup-marks app ${JSON.stringify(out.app_marks_ms)} viewer ${JSON.stringify(out.viewer_marks_ms)}`);
  console.log(`BENCH startup-viewer ${out.viewer_first_paint_ms.toFixed(1)} ms first paint, ${out.viewer_first_trace_ms.toFixed(1)} ms first trace`);
});
