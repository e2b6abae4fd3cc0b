// Hostile input: a /8 VPC, a 10 MB import (pasted, uploaded, fetched), a multi-megabyte share
// link, a dangling reference and a deeply nested document. Each is met with a clear message
// where the learner looks, the previous work stays, and nothing reaches the console.
import { test, expect, resourceIds } from './fixtures';
import { Editor } from './editor';
import type { Page } from '@playwright/test';

const FIXTURE = 'tests/fixtures/two-vpcs-unpeered.json';
const TEN_MB = 10 * 1024 * 1024;

/** A syntactically fine scenario padded with spaces to `bytes` (so only its size is wrong). */
function padded(bytes: number): string {
  const head = '{"format":"vpc-playground/1","name":"big"';
  return head + ' '.repeat(bytes - head.length - 1) + '}';
}

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const d = page.getByRole('dialog', { name: 'Import a scenario' });
  await expect(d).toBeVisible();
  return d;
}

test('a /8 VPC block loads as the spec says, with a CIDR_SIZE finding, and traces still run', async ({ app, page }) => {
  const ed = new Editor(page);
  await app.openWith(FIXTURE);
  await ed.open('vpc-a');
  const cidr = ed.field('Primary CIDR block');
  await ed.set('Primary CIDR block', '10.0.0.0/8');
  // Accepted at the field (a /8 is a valid CIDR; AWS's /16../28 rule is a finding, not a load error)...
  await expect(cidr).not.toHaveAttribute('aria-invalid', 'true');
  await expect(ed.form.getByTestId('field-error')).toHaveCount(0);
  await expect(ed.item('vpc-a')).toContainText('10.0.0.0/8');
  // ...and the finding says what is wrong right under the field, wired to it for screen
  // readers, and in the findings list.
  const note = ed.form.getByTestId('field-note');
  await expect(note).toHaveCount(1);
  await expect(note).toContainText("Error CIDR_SIZE: vpc-a's 10.0.0.0/8 is a /8: a VPC CIDR block must be between /16 and /28.");
  await expect(note).toBeInViewport();
  await expect(cidr).toHaveAttribute('aria-describedby', /-note/);
  const finding = page.getByTestId('finding').filter({ hasText: 'CIDR_SIZE' });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText("vpc-a's 10.0.0.0/8 is a /8");
  await app.screenshot('hostile-vpc-slash-8');
  // The page keeps working: a trace still runs and explains itself (the /8 now swallows
  // B's 10.1.0.0/16, so A's local route keeps the packet in A, where no one holds 10.1.1.10).
  await app.sendPacket('i-a', 'i-b');
  await expect(app.status).toContainText('Dropped — NO_SUCH_HOST');
  await expect(app.eventRows.first()).toContainText('i-a');
  // And Undo puts the /16 back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(ed.item('vpc-a')).toContainText('10.0.0.0/16');
  await expect(finding).toHaveCount(0);
  await expect(note).toHaveCount(0);
  app.expectNoConsoleErrors();
});

test('a 10 MB pasted scenario is refused at the field, naming the 2 MiB limit', async ({ app, page }) => {
  test.slow(); // megabytes through the browser on a shared two-core machine
  await app.openWith(FIXTURE);
  const before = await resourceIds(page);
  const d = await openImport(page);
  const text = d.getByRole('textbox', { name: 'Paste scenario JSON' });
  await text.fill(padded(TEN_MB));
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  const error = d.getByTestId('import-error');
  await expect(error).toContainText('Nothing was imported.');
  await expect(error).toContainText('The pasted text is 10.0 MiB; a scenario may be at most 2 MiB.');
  await expect(text).toHaveAttribute('aria-describedby', 'import-text-error');
  await app.screenshot('hostile-import-10mb-paste');
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
  expect(await resourceIds(page)).toEqual(before);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  app.expectNoConsoleErrors();
});

test('a 10 MB scenario file is refused before it is read, naming the 2 MiB limit', async ({ app, page }) => {
  test.slow(); // megabytes through the browser on a shared two-core machine
  await app.openWith(FIXTURE);
  const before = await resourceIds(page);
  const d = await openImport(page);
  await d.getByLabel('Scenario file').setInputFiles({
    name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(padded(TEN_MB)),
  });
  const error = d.getByTestId('import-error');
  await expect(error).toContainText('Nothing was imported.');
  await expect(error).toContainText('The file is 10.0 MiB; a scenario may be at most 2 MiB.');
  await app.screenshot('hostile-import-10mb-file');
  await page.keyboard.press('Escape');
  expect(await resourceIds(page)).toEqual(before);
  app.expectNoConsoleErrors();
});

test('a file just over 2 MiB is refused too, and one just under is read', async ({ app, page }) => {
  await app.openWith(FIXTURE);
  const before = await resourceIds(page);
  const d = await openImport(page);
  const limit = 2 * 1024 * 1024;
  await d.getByLabel('Scenario file').setInputFiles({
    name: 'over.json', mimeType: 'application/json', buffer: Buffer.from(padded(limit + 1)),
  });
  await expect(d.getByTestId('import-error')).toContainText('at most 2 MiB');
  expect(await resourceIds(page)).toEqual(before);
  await d.getByLabel('Scenario file').setInputFiles({
    name: 'under.json', mimeType: 'application/json', buffer: Buffer.from(padded(limit)),
  });
  await expect(d).toBeHidden();
  await expect(page.getByRole('alert')).toContainText('Imported "under.json"');
  expect(await resourceIds(page)).toEqual([]);
  // Undoing an opening is an opening: the resource panel is built again a frame later.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => resourceIds(page)).toEqual(before);
  app.expectNoConsoleErrors();
});

test('a 10 MB ?scenario= file is refused with a message and the work stays', async ({ app, page }) => {
  test.slow(); // megabytes through the browser on a shared two-core machine
  await page.route('**/huge.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: padded(TEN_MB) }));
  await app.openWith(FIXTURE, '?scenario=huge.json');
  await expect(page.getByRole('alert')).toContainText('The scenario at "huge.json" was not opened');
  await expect(page.getByRole('alert')).toContainText('at most 2097152 bytes (2 MiB)');
  await expect(page.getByRole('alert')).toContainText('Your current work is kept.');
  expect(await resourceIds(page)).toContain('i-b');
  app.expectNoConsoleErrors();
});

// 1.9 million characters: far over the 100,000 a link may have, under Chromium's own URL cap.
const LONG_LINK = `#s=${'A'.repeat(1_900_000)}&from=i-a&to=i-b`;

test('a share link of several megabytes pasted into the open tab is refused and the work stays', async ({ app, page }) => {
  test.slow(); // megabytes through the browser on a shared two-core machine
  await app.openWith(FIXTURE);
  const before = await resourceIds(page);
  // Only the fragment changes, so the page does not reload: the app must still react.
  await page.goto(`./${LONG_LINK}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This share link was not opened: this link is too long');
  await expect(alert).toContainText('characters, at most 100,000)');
  await expect(alert).toContainText('Your work is as you left it.');
  await app.screenshot('hostile-share-too-long');
  expect(await resourceIds(page)).toEqual(before);
  app.expectNoConsoleErrors();
});

test('a share link of several megabytes opened in a new tab is refused and the work stays', async ({ app, page, context }) => {
  test.slow(); // megabytes through the browser on a shared two-core machine
  await app.openWith(FIXTURE);
  const before = await resourceIds(page);
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  other.on('pageerror', (e) => errors.push(String(e)));
  await other.goto(`./${LONG_LINK}`);
  await expect(other.getByTestId('topology-canvas')).toBeVisible();
  await expect(other.getByRole('alert')).toContainText('this link is too long');
  expect(await resourceIds(other)).toEqual(before);
  expect(errors).toEqual([]);
  await other.close();
  app.expectNoConsoleErrors();
});

test('an import with a reference to nothing is refused with its JSON path', async ({ app, page }) => {
  await app.openWith(FIXTURE);
  const before = await resourceIds(page);
  const d = await openImport(page);
  const text = d.getByRole('textbox', { name: 'Paste scenario JSON' });
  await text.fill(JSON.stringify({
    format: 'vpc-playground/1',
    vpcs: [{ id: 'vpc-x', account: '111111111111', region: 'us-east-1', cidrs: ['10.0.0.0/16'] }],
    subnets: [{ id: 'subnet-x', vpc: 'vpc-nowhere', cidr: '10.0.1.0/24' }],
  }));
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByTestId('import-error')).toContainText('Nothing was imported.');
  await expect(d.getByTestId('import-error-path')).toHaveText('subnets[0].vpc');
  await expect(d.getByTestId('import-error')).toContainText('vpc-nowhere');
  await page.keyboard.press('Escape');
  expect(await resourceIds(page)).toEqual(before);
  app.expectNoConsoleErrors();
});

test('a deeply nested document is refused without a crash', async ({ app, page }) => {
  await app.openWith(FIXTURE);
  const before = await resourceIds(page);
  const d = await openImport(page);
  const text = d.getByRole('textbox', { name: 'Paste scenario JSON' });
  await text.fill(`{"format":"vpc-playground/1","name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  await d.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(d.getByTestId('import-error')).toContainText('Nothing was imported.');
  await page.keyboard.press('Escape');
  expect(await resourceIds(page)).toEqual(before);
  await app.sendPacket('i-a', 'i-b');
  await expect(app.status).toContainText('Dropped');
  app.expectNoConsoleErrors();
});
