// The 500-host matrix (250,000 traces) runs in the engine worker: while it runs, the page
// answers clicks and keeps animating, progress is shown, and Cancel stops it for good.
import { test, expect } from './fixtures';
import { chain } from './synthetic';

test('the 500-host matrix keeps the page responsive, shows progress, and Cancel stops it', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.openWith(chain(100, 5));
  await page.getByRole('button', { name: 'Reachability matrix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reachability matrix' });
  const progress = dialog.getByRole('progressbar', { name: 'Matrix progress' });
  const said = dialog.getByTestId('reach-progress');
  await expect(said).toHaveText(/^Tracing: \d+ of 500 rows$/);
  await expect(progress).toBeVisible();

  // During the run: the page still paints frames, and a click is answered at once.
  const frames = await page.evaluate(() => new Promise<number>((done) => {
    let n = 0;
    const start = performance.now();
    const tick = () => { n++; if (performance.now() - start < 300) requestAnimationFrame(tick); else done(n); };
    requestAnimationFrame(tick);
  }));
  expect(frames).toBeGreaterThan(5);
  await dialog.getByRole('button', { name: 'Next rows' }).click();
  await expect(dialog.getByTestId('reach-page')).toHaveText('Rows 26–50 and columns 1–25 of 500 hosts', { timeout: 500 });
  await expect(dialog.getByRole('rowheader').first()).toHaveText('i-5-0');
  await expect(said).toHaveText(/^Tracing: \d+ of 500 rows$/);

  // Cancel: the count stops where it was and stays there.
  await dialog.getByRole('button', { name: 'Cancel matrix' }).click();
  await expect(said).toHaveText(/^Cancelled after \d+ of 500 rows\.$/);
  const stopped = await said.textContent();
  expect(Number(/after (\d+) of/.exec(stopped!)![1])).toBeLessThan(500);
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
