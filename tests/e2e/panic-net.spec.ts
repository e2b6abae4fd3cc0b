// If the wasm panics anyway, the page says so, offers a reload, and the work is still there.
// The trigger (`?debug-panic=1`) exists only in test builds (feature test-hooks).
import { test, expect } from './fixtures';

test('a panic shows a message with a reload link, and the autosaved work survives', async ({ app, page }) => {
  await app.open();
  await app.openScenario('The full-mesh fix');
  const question = (await app.lesson.textContent())!;
  await page.goto('./?debug-panic=1');
  const overlay = page.getByRole('alertdialog', { name: 'vpc-playground stopped because of an internal error' });
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('Your work up to your last change is saved');
  await app.screenshot('panic-net');
  await overlay.getByRole('link', { name: 'Reload vpc-playground' }).click();
  await expect(page).not.toHaveURL(/debug-panic/);
  await expect(app.canvas).toBeVisible();
  await expect(app.lesson).toHaveText(question);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});
