// Import refuses a bad document with its JSON path and applies nothing; export gives a JSON
// file that imports back and a PNG image of the diagram.
import { test, expect } from './fixtures';
import { readFileSync } from 'fs';

const BROKEN = JSON.stringify({
  format: 'vpc-playground/1',
  vpcs: [{ id: 'vpc-a', account: '111111111111', region: 'us-east-1', cidrs: ['10.0.0.0/33'] }],
});

test('a broken file is refused with its JSON path and nothing is applied', async ({ app, page }) => {
  await app.open();
  const lesson = (await app.lesson.textContent())!;
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const d = app.dialog('Import a scenario');
  await d.getByLabel('Scenario file').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(BROKEN),
  });
  await expect(d.getByTestId('import-error')).toContainText('Nothing was imported');
  await expect(d.getByTestId('import-error-path')).toContainText('vpcs');
  await app.screenshot('import-error');
  await page.keyboard.press('Escape');
  await expect(app.lesson).toHaveText(lesson);
  app.expectNoConsoleErrors();
});

test('pasted broken JSON is refused at the field; good JSON imports as an undoable edit', async ({ app, page }) => {
  await app.open();
  const lesson = (await app.lesson.textContent())!;
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const d = app.dialog('Import a scenario');
  const text = d.getByRole('textbox', { name: 'Paste scenario JSON' });
  await text.fill('{"format": "vpc-playground/1", "vpcs": [');
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByTestId('import-error')).toContainText('Nothing was imported');
  await text.fill(BROKEN);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByTestId('import-error-path')).toContainText('vpcs');
  await expect(d).toBeVisible();
  await text.fill(BROKEN.replace('10.0.0.0/33', '10.0.0.0/16'));
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d).toBeHidden();
  await expect(app.lesson).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(app.lesson).toHaveText(lesson);
  app.expectNoConsoleErrors();
});

test('Export JSON downloads the scenario, which imports back', async ({ app, page }) => {
  await app.open();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('transitive-peering.json');
  const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(json.format).toBe('vpc-playground/1');
  expect(json.name).toBe('Transitive peering');
});

test('Export PNG downloads an image of the diagram', async ({ app, page }) => {
  await app.open();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('transitive-peering.png');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(1000);
  app.expectNoConsoleErrors();
});
