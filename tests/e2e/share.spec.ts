// Share links: the link opens the same topology at the same trace step in a fresh browser;
// a corrupt link or a decompression bomb is refused with a message and the work stays.
import { test, expect } from './fixtures';
import { deflateRawSync } from 'zlib';

test('a share link opens the same scenario, trace and step in a fresh page', async ({ app, page, browser }) => {
  await app.open();
  await app.openScenario('Two peers with the same range');
  await expect(app.status).toBeVisible();
  const link = await app.shareLink();
  expect(link).toMatch(/\/vpc-playground\/#s=[A-Za-z0-9_-]+&from=[^&]+&to=[^&]+&step=\d+$/);
  const step = link.match(/step=(\d+)/)![1];
  await app.page.getByRole('button', { name: 'Share', exact: true }).click();
  await app.screenshot('share-dialog');
  await page.keyboard.press('Escape');

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const other = await fresh.newPage();
  const errors: string[] = [];
  other.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await other.goto(link);
  await expect(other.getByTestId('topology-canvas')).toBeVisible();
  await expect(other.getByRole('region', { name: 'Lesson' })).toHaveText((await app.lesson.textContent())!);
  await expect(other.getByRole('status')).toHaveText((await app.status.textContent())!);
  // The reopened page offers the very same link: same scenario, trace and step.
  await other.getByRole('button', { name: 'Share', exact: true }).click();
  const again = await other.getByRole('dialog', { name: 'Share this scenario' })
    .getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(again).toBe(link);
  expect(again).toContain(`step=${step}`);
  // The link is forgotten from the address bar, so a reload shows the autosaved work.
  expect(other.url()).not.toContain('#s=');
  expect(errors).toEqual([]);
  await fresh.close();
  app.expectNoConsoleErrors();
});

test('a share link pasted into the tab that already shows the app opens it', async ({ app, page }) => {
  await app.open();
  await app.openScenario('Two peers with the same range');
  const link = await app.shareLink();
  await app.openScenario('The full-mesh fix');
  const mesh = (await app.lesson.textContent())!;
  // Same page, new fragment: the browser does not reload.
  await page.goto(link);
  await expect(app.lesson).not.toHaveText(mesh);
  await expect(app.lesson).toContainText('dev-api');
  expect(page.url()).not.toContain('#s=');
  // The previous scenario is one Undo away, as with any opened link.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(app.lesson).toHaveText(mesh);
  app.expectNoConsoleErrors();
});

for (const [name, fragment] of [
  ['a corrupt link', 's=this-is-not-deflate_data'],
  ['a cut-short link', 's=' + deflateRawSync(Buffer.from('{"format":"vpc-playground/1"}')).toString('base64url').slice(0, 10)],
  ['a decompression bomb', 's=' + deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20)).toString('base64url')],
] as const) {
  test(`${name} is refused with a message and the work stays`, async ({ app, page, context }) => {
    await app.open();
    await app.openScenario('The full-mesh fix');
    const lesson = (await app.lesson.textContent())!;
    const other = await context.newPage();
    const errors: string[] = [];
    other.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    other.on('pageerror', (e) => errors.push(String(e)));
    await other.goto(`./#${fragment}`);
    await expect(other.getByTestId('topology-canvas')).toBeVisible();
    await expect(other.getByRole('alert')).toContainText('This share link was not opened');
    await expect(other.getByRole('region', { name: 'Lesson' })).toHaveText(lesson);
    expect(errors).toEqual([]);
    await other.close();
    await page.reload();
    await expect(app.lesson).toHaveText(lesson);
    app.expectNoConsoleErrors();
  });
}
