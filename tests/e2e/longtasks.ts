// The page's long tasks (PerformanceObserver, type `longtask`: main-thread tasks over 50 ms),
// for the specs and the benchmark that check the page never freezes while heavy work runs.
import type { Page } from '@playwright/test';

/** Starts recording the page's long tasks (call before the page loads). */
export async function observeLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The lengths (ms) of the long tasks that started between `from` and `to` (page time, ms). */
export async function longTasksBetween(page: Page, from: number, to = Infinity): Promise<number[]> {
  return page.evaluate(
    ([t0, t1]) => (window as any).__long.filter((t: any) => t.start >= t0 && t.start <= t1).map((t: any) => t.ms),
    [from, to === Infinity ? Number.MAX_VALUE : to],
  );
}

/** The longest long task that started at or after `since` (page time, ms); 0 if none. */
export async function longestSince(page: Page, since: number): Promise<number> {
  return Math.max(0, ...(await longTasksBetween(page, since)));
}
