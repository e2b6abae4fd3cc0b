// Long-task benchmark (run by scripts/bench.sh, not a test): while the heavy engine work runs
// (the 500-host reachability matrix, the upgrade preview's two matrices, an AWS import of a
// realistic account, the load of a 500-host scenario file, Undo and Redo of that load), a
// PerformanceObserver of the page records every main-thread task over 50 ms (the browser's
// "longtask" entries). The longest one per activity is the figure: the target is none at
// all (every task under 50 ms), so the page never stops answering. Each activity is watched
// until what it started is over: for a load, until every resource line and host option is
// there (the panels fill a slice per frame after the opening), then a second more.
//
// The load is measured twice: after the other activities (the page's code already run and
// optimised by the browser) and as the first thing on fresh pages, where the browser runs
// code it has only baseline-compiled, several times slower (the figure is the longest over
// three fresh pages).
import { test, expect, Page } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { chain } from '../e2e/synthetic';
import { longTasksBetween, observeLongTasks } from '../e2e/longtasks';

const ROOT = resolve(__dirname, '..', '..');
const AWS_DIR = join(ROOT, 'crates', 'engine', 'tests', 'aws-export');

/** Runs `work` and returns the long tasks that started while it ran. */
async function during(page: Page, work: () => Promise<void>) {
  await page.waitForTimeout(1000); // start-up's own tasks are over
  const t0 = await page.evaluate(() => performance.now());
  await work();
  const t1 = await page.evaluate(() => performance.now());
  const mine = await longTasksBetween(page, t0, t1);
  return { wall_ms: Math.round(t1 - t0), long_tasks: mine.length, longest_ms: mine.length ? Math.max(...mine) : 0 };
}

/** Loads the scenario file at `file` (500 hosts) through the Import dialog, and waits until
 * every resource line and host option is there, and a second more. */
async function loadFile(page: Page, file: string) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const d = page.getByRole('dialog', { name: 'Import a scenario' });
  // A chosen file is loaded at once (no button to press). Given by path, as a learner's
  // file is: given as a buffer, Playwright itself decodes it in the page, a long task of
  // its own (~55 ms for this file) that the app never runs.
  await d.getByLabel('Scenario file').setInputFiles(file);
  await expect(d).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('resource-item')).toHaveCount(100 * 8 + 99, { timeout: 60_000 });
  await expect(page.locator('#trace-to-options option[value^="i-"]')).toHaveCount(500, { timeout: 60_000 });
  await page.waitForTimeout(1000);
}

test('long tasks while the matrix, an import and a large load run', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await observeLongTasks(page);
  const big = JSON.stringify(chain(100, 5));
  await page.addInitScript((j) => localStorage.setItem('vpc-playground/scenario', j), big);
  await page.goto('./');
  await page.getByTestId('topology-canvas').waitFor();

  const matrix = await during(page, async () => {
    await page.getByRole('button', { name: 'Reachability matrix' }).click();
    await expect(page.getByTestId('reach-progress')).toHaveText('500 hosts, 249500 pairs traced.', { timeout: 240_000 });
  });
  await page.getByRole('button', { name: 'Close reachability matrix' }).click();

  // "Upgrade to format 2…" traces the matrix before and after, in the worker.
  const upgrade = await during(page, async () => {
    await page.getByRole('button', { name: 'Upgrade to format 2…' }).click();
    const panel = page.getByRole('group', { name: 'Upgrade to format 2' });
    await expect(panel.getByRole('button', { name: 'Upgrade', exact: true })).toBeVisible({ timeout: 240_000 });
    await panel.getByRole('button', { name: 'Cancel' }).click();
  });

  const files = readdirSync(AWS_DIR).filter((f) => f.endsWith('.json')).sort();
  const aws = await during(page, async () => {
    await page.getByRole('button', { name: 'Paste from AWS CLI' }).click();
    const d = page.getByRole('dialog', { name: 'Import from the AWS CLI' });
    await d.getByLabel('Upload JSON files').setInputFiles(files.map((f) => join(AWS_DIR, f)));
    await d.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(d.getByTestId('aws-import-summary')).toBeVisible({ timeout: 60_000 });
    await d.getByRole('button', { name: 'Done' }).click();
    await page.waitForTimeout(1000); // the panels fill after the opening
  });

  const file = join(ROOT, 'target', 'bench-big.json');
  writeFileSync(file, big);
  const load = await during(page, () => loadFile(page, file));
  // Undo that load (back to the AWS account) and redo it: each is an opening again.
  const lines = page.getByTestId('resource-item');
  const undo = await during(page, async () => {
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.locator('[data-res-id="i-99-4"]')).toHaveCount(0);
    await expect(lines.first()).toBeVisible();
    await page.waitForTimeout(1000);
  });
  const redo = await during(page, async () => {
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect(lines).toHaveCount(100 * 8 + 99, { timeout: 60_000 });
    await expect(page.locator('#trace-to-options option[value^="i-"]')).toHaveCount(500, { timeout: 60_000 });
    await page.waitForTimeout(1000);
  });

  // The same load as the first thing on three fresh pages (a new context each: no code the
  // browser compiled before).
  const cold = { wall_ms: 0, long_tasks: 0, longest_ms: 0 };
  for (let i = 0; i < 3; i++) {
    const ctx = await browser.newContext();
    const fresh = await ctx.newPage();
    await observeLongTasks(fresh);
    await fresh.goto('./');
    await fresh.getByTestId('topology-canvas').waitFor();
    const m = await during(fresh, () => loadFile(fresh, file));
    cold.wall_ms = Math.max(cold.wall_ms, m.wall_ms);
    cold.long_tasks += m.long_tasks;
    cold.longest_ms = Math.max(cold.longest_ms, m.longest_ms);
    await ctx.close();
  }

  const out = {
    matrix_500_hosts: matrix, upgrade_preview_500_hosts: upgrade, aws_import: aws, load_500_hosts: load,
    undo_500_hosts: undo, redo_500_hosts: redo, load_500_hosts_fresh_page: cold,
  };
  writeFileSync(join(ROOT, 'target/bench-longtasks.json'), JSON.stringify(out, null, 2));
  console.log(`BENCH longtasks ${JSON.stringify(out)}`);
});
