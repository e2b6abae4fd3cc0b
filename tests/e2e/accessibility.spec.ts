// axe-core on the main page, the embed page and the dialogs: no serious or critical
// violations. The canvas's text alternative (the event list) is reachable by name.
import { test, expect, Playground } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

async function seriousViolations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test('main page with a trace has no serious accessibility violations', async ({ app, page }) => {
  await app.open();
  await expect(app.status).toContainText('TRANSITIVE_PEERING');
  expect(await seriousViolations(page)).toEqual([]);
});

test('embed page has no serious accessibility violations', async ({ app, page }) => {
  await app.open('?scenario=scenarios/02-full-mesh.json&embed=1');
  await expect(app.status).toContainText(/Delivered|Dropped/);
  expect(await seriousViolations(page)).toEqual([]);
});

for (const [button, dialog] of [
  ['Scenarios', 'Scenario library'],
  ['Share', 'Share this scenario'],
  ['Import', 'Import a scenario'],
]) {
  test(`the ${dialog} dialog has no serious accessibility violations`, async ({ app, page }) => {
    await app.open();
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(app.dialog(dialog)).toBeVisible();
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  });
}

async function openAwsImport(app: Playground, page: Page) {
  await app.open();
  await page.getByRole('button', { name: 'Paste from AWS CLI' }).click();
  const d = app.dialog('Import from the AWS CLI');
  await expect(d).toBeVisible();
  return d;
}

test('the Import from the AWS CLI dialog has no serious accessibility violations, also with an error', async ({ app, page }) => {
  const d = await openAwsImport(app, page);
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  await d.getByRole('textbox', { name: 'AWS CLI output' }).fill('{"Vpcs": [}');
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByRole('alert')).toBeVisible();
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
});

test('the Import from the AWS CLI dialog has no serious accessibility violations in its result view', async ({ app, page }) => {
  // axe over a page with the imported network is slow on a loaded two-core machine.
  test.setTimeout(60_000);
  const dir = resolve(__dirname, '..', '..', 'crates', 'engine', 'tests', 'aws-export');
  const all = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const d = await openAwsImport(app, page);
  await d.getByRole('textbox', { name: 'AWS CLI output' }).fill(all);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByRole('region', { name: /^Left out/ })).toBeVisible();
  await expect(d.getByRole('region', { name: /^Assumed/ })).toBeVisible();
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
});

test('the canvas has a text alternative screen readers reach: the event list', async ({ app, page }) => {
  await app.open();
  await expect(app.status).toContainText('TRANSITIVE_PEERING');
  await expect(app.eventRows.first()).toBeVisible();
  await expect(app.eventRows).toHaveCount(4);
  await expect(app.eventRows.last()).toContainText('vpc-b');
});
