// Work survives a reload; the first run opens the welcome lesson once, and its card stays
// closed once dismissed.
import { test, expect } from './fixtures';

test('first run: the welcome lesson plays, and the card stays dismissed', async ({ app, page }) => {
  await app.open();
  await expect(app.welcome).toBeVisible();
  await expect(app.welcome).toContainText('from A to C through B');
  await expect(app.lesson).toContainText('Can A reach C');
  await expect(app.status).toBeVisible();
  await app.screenshot('welcome');
  await app.welcome.getByRole('button', { name: 'Close welcome' }).click();
  await expect(app.welcome).toBeHidden();
  // Even with the autosave gone (a first run again), the dismissed card stays closed.
  await page.evaluate(() => localStorage.removeItem('vpc-playground/scenario'));
  await page.reload();
  await expect(app.lesson).toContainText('Can A reach C');
  await expect(app.welcome).toBeHidden();
  app.expectNoConsoleErrors();
});

test('"Browse scenarios" on the welcome card opens the gallery', async ({ app }) => {
  await app.open();
  await app.welcome.getByRole('button', { name: 'Browse scenarios' }).click();
  await expect(app.dialog('Scenario library')).toBeVisible();
});

test('reload keeps the work', async ({ app, page }) => {
  await app.open();
  await app.openScenario('Both VPN tunnels down');
  const lesson = (await app.lesson.textContent())!;
  await page.reload();
  await expect(app.canvas).toBeVisible();
  await expect(app.lesson).toHaveText(lesson);
  await expect(app.welcome).toBeHidden();
  app.expectNoConsoleErrors();
});
