// "Paste from AWS CLI": the JSON that `aws ec2 describe-*` prints, pasted or uploaded, becomes
// the scenario as one undoable edit, with what was left out and assumed listed; bad input is
// refused at the field and changes nothing.
import { test, expect, Playground, repoText } from './fixtures';
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { Page } from '@playwright/test';

const DIR = resolve(__dirname, '..', '..', 'crates', 'engine', 'tests', 'aws-export');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const ALL = FILES.map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
const FILTERS_DIR = resolve(__dirname, '..', '..', 'crates', 'engine', 'tests', 'aws-export-filters');
const FILTERS = readdirSync(FILTERS_DIR).filter((f) => f.endsWith('.json')).sort()
  .map((f) => join(FILTERS_DIR, f));

async function openDialog(app: Playground, page: Page) {
  await page.getByRole('button', { name: 'Paste from AWS CLI' }).click();
  const d = app.dialog('Import from the AWS CLI');
  await expect(d).toBeVisible();
  return d;
}

async function expectImported(d: ReturnType<Playground['dialog']>) {
  await expect(d.getByTestId('aws-import-summary')).toContainText('4 VPCs');
  await expect(d.getByRole('region', { name: /^Left out/ })).toContainText('transit gateway');
  await expect(d.getByRole('region', { name: /^Assumed/ })).toContainText('onprem');
}

test('pasted describe-* outputs import, list what was left out, and trace like AWS', async ({ app, page }) => {
  expect(FILES.length).toBeGreaterThanOrEqual(12);
  await app.open();
  const d = await openDialog(app, page);
  for (const cmd of ['aws ec2 describe-vpcs', 'aws directconnect describe-virtual-interfaces']) {
    await expect(d.getByRole('list', { name: 'AWS CLI commands to run' })).toContainText(cmd);
  }
  await app.screenshot('aws-import-input');
  await d.getByRole('textbox', { name: 'AWS CLI output' }).fill(ALL);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expectImported(d);
  await expect(d.getByTestId('aws-left-out').locator('li code').first()).not.toBeEmpty();
  await expect(d.getByRole('list', { name: 'Commands to add' })).toHaveCount(0);
  // Without security groups and network ACLs the import is format 1, and says so.
  await expect(d.getByTestId('aws-assumed')).toContainText('filtering is not modeled');
  await app.screenshot('aws-import-result');
  await d.getByRole('button', { name: 'Done' }).click();
  await expect(d).toBeHidden();
  await expect(app.lesson).toHaveCount(0);
  // The old scenario's trace endpoints do not carry over: From is the new first instance.
  await expect(page.getByRole('combobox', { name: 'To' })).toHaveValue('');
  await expect(page.getByTestId('trace-from')).toHaveValue('i-0a1b2c3d4e5f60web');
  await app.screenshot('aws-import-canvas');

  await app.sendPacket('i-0a1b2c3d4e5f60app', '8.8.8.8');
  await expect(app.status).toContainText('Delivered');
  await app.sendPacket('i-0c3d4e5f6a1b00dev', 'i-0a1b2c3d4e5f60app');
  await expect(app.status).toContainText('TRANSITIVE_PEERING');
  await app.waitForEnd();
  // Long ids in the findings and the hop inspector wrap as a whole, never at their hyphen.
  for (const id of [
    page.getByTestId('finding').getByText('vpc-0a1b2c3d4e5f60001', { exact: true }),
    page.getByTestId('hop-inspector').getByText('pcx-0a1b2c3d4e5f600bc', { exact: true }),
  ]) {
    expect(await id.evaluate((e) => e.getClientRects().length)).toBe(1);
  }
  await app.screenshot('aws-import-trace');
  app.expectNoConsoleErrors();
});

test('a partial paste lists every command whose output it still needs', async ({ app, page }) => {
  await app.open();
  const d = await openDialog(app, page);
  // Route tables alone: their VPCs, subnets and targets are all missing, named at once.
  await d.getByRole('textbox', { name: 'AWS CLI output' }).fill(readFileSync(join(DIR, 'describe-route-tables.json'), 'utf8'));
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const add = d.getByRole('list', { name: 'Commands to add' });
  for (const cmd of ['aws ec2 describe-vpcs', 'aws ec2 describe-subnets', 'aws ec2 describe-nat-gateways']) {
    await expect(add).toContainText(cmd);
  }
  await expect(d.getByTestId('aws-left-out')).toContainText('are not in the import');
  await d.getByRole('button', { name: 'Done' }).click();
  app.expectNoConsoleErrors();
});

test('security groups and network ACLs uploaded too import as format 2', async ({ app, page }) => {
  await app.open();
  const d = await openDialog(app, page);
  for (const cmd of ['aws ec2 describe-security-groups', 'aws ec2 describe-network-acls', 'aws ec2 describe-network-interfaces']) {
    await expect(d.getByRole('list', { name: 'AWS CLI commands to run' })).toContainText(cmd);
  }
  // Uploaded, as several files: the export's and its filters'.
  await d.getByLabel('Upload JSON files').setInputFiles([...FILES.map((f) => join(DIR, f)), ...FILTERS]);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByTestId('aws-import-summary')).toContainText('6 security groups, 4 network ACLs');
  await expect(d.getByTestId('aws-left-out')).toContainText('sg-0partner00000001');
  await expect(d.getByTestId('aws-assumed')).not.toContainText('filtering is not modeled');
  await d.getByRole('button', { name: 'Done' }).click();
  await expect(d).toBeHidden();
  app.expectNoConsoleErrors();
});

test('the same outputs uploaded as several files import', async ({ app, page }) => {
  await app.open();
  const d = await openDialog(app, page);
  await d.getByLabel('Upload JSON files').setInputFiles(FILES.map((f) => join(DIR, f)));
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expectImported(d);
  await d.getByRole('button', { name: 'Done' }).click();
  await expect(d).toBeHidden();
  app.expectNoConsoleErrors();
});

test('broken JSON is refused at the field with its line and column; nothing changes', async ({ app, page }) => {
  await app.open();
  const lesson = (await app.lesson.textContent())!;
  const d = await openDialog(app, page);
  const text = d.getByRole('textbox', { name: 'AWS CLI output' });
  await text.fill('{"Vpcs": [}');
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const error = d.getByRole('alert');
  await expect(error).toContainText('line 1 column');
  await expect(error).toContainText('Nothing was imported');
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  await expect(text).toHaveAttribute('aria-describedby', (await error.getAttribute('id'))!);
  await expect(text).toHaveValue('{"Vpcs": [}');
  await app.screenshot('aws-import-error');

  // A broken uploaded file is refused at the file field, naming the file.
  await text.fill('');
  await d.getByLabel('Upload JSON files').setInputFiles({
    name: 'vpcs.json', mimeType: 'application/json', buffer: Buffer.from('{"Vpcs": [}'),
  });
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByRole('alert')).toContainText('vpcs.json, line 1 column');
  await expect(d.getByLabel('Upload JSON files')).toHaveAttribute('aria-invalid', 'true');

  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
  await expect(app.lesson).toHaveText(lesson);
  await expect(page.getByTestId('undo')).toBeDisabled();
  app.expectNoConsoleErrors();
});

test('a scenario JSON pasted here is sent to Import scenario, text and all', async ({ app, page }) => {
  await app.open();
  const lesson = (await app.lesson.textContent())!;
  const scenario = repoText('crates/engine/scenarios/02-full-mesh.json');
  const d = await openDialog(app, page);
  await d.getByRole('textbox', { name: 'AWS CLI output' }).fill(scenario);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByRole('alert')).toContainText('Import a scenario instead');
  await expect(d.getByRole('alert')).toContainText('vpc-playground scenario');
  await expect(app.lesson).toHaveText(lesson);

  await d.getByRole('button', { name: 'Open it in Import a scenario' }).click();
  await expect(d).toBeHidden();
  const imp = app.dialog('Import a scenario');
  const text = imp.getByRole('textbox', { name: 'Paste scenario JSON' });
  await expect(text).toHaveValue(scenario);
  await imp.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(imp).toBeHidden();
  await expect(app.lesson).not.toHaveText(lesson);
  await page.getByTestId('undo').click();
  await expect(app.lesson).toHaveText(lesson);
  app.expectNoConsoleErrors();
});

test('Undo after an import brings the previous scenario back', async ({ app, page }) => {
  await app.open();
  const lesson = (await app.lesson.textContent())!;
  const d = await openDialog(app, page);
  await d.getByRole('textbox', { name: 'AWS CLI output' }).fill(ALL);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByTestId('aws-import-summary')).toContainText('4 VPCs');
  await d.getByRole('button', { name: 'Done' }).click();
  await expect(app.lesson).toHaveCount(0);
  await expect(page.getByLabel('From')).toContainText('i-0a1b2c3d4e5f60app');
  await page.getByTestId('undo').click();
  await expect(app.lesson).toHaveText(lesson);
  await expect(page.getByLabel('From')).not.toContainText('i-0a1b2c3d4e5f60app');
  await page.getByTestId('redo').click();
  await expect(app.lesson).toHaveCount(0);
  app.expectNoConsoleErrors();
});
