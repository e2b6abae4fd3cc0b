// The 500-host matrix (250,000 traces) runs in the engine worker: while it runs, the page
// answers clicks, progress is shown, and Cancel stops it for good. So does the upgrade
// preview, which traces the matrix twice (before and after).
//
// "Responsive" is measured the way a learner feels it, robust to a loaded machine (other specs
// beside it on 2 cores): the longest task on the page's main thread while the matrix runs
// (PerformanceObserver, type `longtask`) and the time from a click's input to the page's
// answer in the DOM (from the event's own timeStamp, so a busy main thread that delays the
// click counts). Counting frames in a fixed window did not hold: a starved compositor paints
// few frames even when the main thread is idle. Run on the main thread the matrix is one task
// of a second or more, so these checks fail: forced onto the main thread for a check, the run
// was one task of 2,729 ms; in the worker the longest was 115 ms alone and 353 ms beside a
// full suite run at load 12.
import { test, expect } from './fixtures';
import { chain } from './synthetic';
import { longestSince, observeLongTasks } from './longtasks';

// Two heavy runs: one after the other in one worker, never both at once.
test.describe.configure({ mode: 'default' });

/** A main-thread task this long means the matrix (or a part of it too big) ran on the page. */
const LONGEST_TASK_MS = 800;
/** A click answered later than this is a page that froze. */
const CLICK_ANSWER_MS = 1000;

test('the 500-host matrix keeps the page responsive, shows progress, and Cancel stops it', async ({ app, page }) => {
  test.setTimeout(120_000);
  await observeLongTasks(page);
  await app.openWith(chain(100, 5));
  await page.waitForTimeout(500); // the 500-host load's own tasks are over
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Reachability matrix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reachability matrix' });
  const progress = dialog.getByRole('progressbar', { name: 'Matrix progress' });
  const said = dialog.getByTestId('reach-progress');
  // Rows arriving (or, were the matrix on the page's thread, already all there).
  await expect(said).toHaveText(/^(Tracing: \d+ of 500 rows|500 hosts, 249500 pairs traced\.)$/, { timeout: 60_000 });
  // The run takes about two seconds since the matrix runs a verdict-only trace: the click
  // and Cancel come first, at once, and the long tasks of the run are read after Cancel.
  await expect(said).toHaveText(/^Tracing: \d+ of 500 rows$/);
  await expect(progress).toBeVisible();

  // A click during the run is answered at once: input to DOM change, timed in the page.
  const pageText = dialog.getByTestId('reach-page');
  await pageText.evaluate((el) => {
    const w = window as any;
    w.__answer = null;
    document.addEventListener('click', (e) => { w.__clickAt = e.timeStamp; }, { capture: true, once: true });
    new MutationObserver((_, obs) => { w.__answer = performance.now() - w.__clickAt; obs.disconnect(); })
      .observe(el, { childList: true, characterData: true, subtree: true });
  });
  await dialog.getByRole('button', { name: 'Next rows' }).click();
  await expect(pageText).toHaveText('Rows 26–50 and columns 1–25 of 500 hosts');
  const answer = await page.evaluate(() => (window as any).__answer as number);
  test.info().annotations.push({ type: 'click answered after (ms)', description: answer.toFixed(1) });
  expect(answer, 'click to answer during the run (ms)').toBeLessThan(CLICK_ANSWER_MS);
  await expect(dialog.getByRole('rowheader').first()).toHaveText('i-5-0');
  await expect(said).toHaveText(/^Tracing: \d+ of 500 rows$/);

  // Cancel: the count stops where it was and stays there.
  await dialog.getByRole('button', { name: 'Cancel matrix' }).click();
  await expect(said).toHaveText(/^Cancelled after \d+ of 500 rows\.$/);
  const stopped = await said.textContent();
  expect(Number(/after (\d+) of/.exec(stopped!)![1])).toBeLessThan(500);

  // During the run, no main-thread task anywhere near the matrix's length.
  const longest = await longestSince(page, t0);
  test.info().annotations.push({ type: 'longest main-thread task (ms)', description: String(longest) });
  expect(longest, 'the longest main-thread task while the matrix runs (ms)').toBeLessThan(LONGEST_TASK_MS);
  await expect(progress).toBeHidden();
  await page.waitForTimeout(700);
  await expect(said).toHaveText(stopped!);

  // Run again and let it finish: the cells say what a trace says.
  await dialog.getByRole('button', { name: 'Run the matrix again' }).click();
  await expect(said).toHaveText('500 hosts, 249500 pairs traced.', { timeout: 90_000 });
  await dialog.getByRole('button', { name: 'Previous rows' }).click();
  await expect(dialog.getByRole('button', { name: /^i-0-0 to i-1-0: delivered/ })).toHaveText('✓');
  await expect(dialog.getByRole('button', { name: /^i-0-0 to i-2-0: dropped, TRANSITIVE_PEERING/ })).toHaveText('✗ TRANSITIVE_PEERING');
  await app.screenshot('reach-matrix-500');
  app.expectNoConsoleErrors();
});

test('the upgrade preview of 500 hosts traces both matrices in the worker, with progress and Cancel', async ({ app, page }) => {
  test.setTimeout(120_000);
  await observeLongTasks(page);
  await app.openWith(chain(100, 5));
  await page.waitForTimeout(500); // the 500-host load's own tasks are over
  const t0 = await page.evaluate(() => performance.now());
  const offer = page.getByRole('button', { name: 'Upgrade to format 2…' });
  await offer.click();
  const panel = page.getByRole('group', { name: 'Upgrade to format 2' });
  const said = panel.getByTestId('upgrade-progress');
  await expect(said).toHaveText(/^Comparing the reachability matrix before and after: [1-9]\d* of 500 rows$/, { timeout: 60_000 });
  await expect(panel.getByRole('progressbar', { name: 'Upgrade preview progress' })).toBeVisible();

  // Cancel (at once: the preview is over in a few seconds) ends the worker: the panel closes
  // and the offer is there again.
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toBeHidden();
  await expect(offer).toHaveAttribute('aria-expanded', 'false');
  // While it ran, no main-thread task anywhere near a matrix's length.
  const longest = await longestSince(page, t0);
  test.info().annotations.push({ type: 'longest main-thread task (ms)', description: String(longest) });
  expect(longest, 'the longest main-thread task while the preview runs (ms)').toBeLessThan(LONGEST_TASK_MS);

  // Asked again and left to finish: the offer names the groups and what changes.
  await offer.click();
  await expect(panel).toContainText('sg-default-vpc-99', { timeout: 90_000 });
  await expect(panel.getByTestId('upgrade-no-change')).toHaveText('Every reachability-matrix verdict stays the same.');
  await expect(panel.getByRole('button', { name: 'Upgrade', exact: true })).toBeVisible();
  app.expectNoConsoleErrors();
});
