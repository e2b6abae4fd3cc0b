// Stepping the packet back and forth moves the event-list highlight and redraws the canvas.
import { test, expect } from './fixtures';

const TRANSITIVE = 'crates/engine/scenarios/01-transitive-peering.json';

test('step back and forward move the highlight and the packet', async ({ app, page }) => {
  await app.openWith(TRANSITIVE);
  await page.getByLabel('Animation speed').fill('4');
  await app.sendPacket('i-a', 'i-c');
  await app.waitForEnd();
  const rows = app.eventRows;
  const n = await rows.count();
  expect(n).toBeGreaterThan(2);
  await expect(rows.nth(n - 1)).toHaveAttribute('aria-current', 'step');
  const atEnd = await app.canvasHash();

  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(rows.nth(n - 2)).toHaveAttribute('aria-current', 'step');
  await expect(rows.nth(n - 1)).toHaveAttribute('aria-current', 'false');
  await expect(app.stepCount).toHaveText(`step ${n - 1} / ${n}`);
  const before = await app.canvasHash();
  expect(before).not.toBe(atEnd);

  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(rows.nth(n - 3)).toHaveAttribute('aria-current', 'step');
  expect(await app.canvasHash()).not.toBe(before);

  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(rows.nth(n - 2)).toHaveAttribute('aria-current', 'step');
  await expect.poll(() => app.canvasHash()).toBe(before);
  app.expectNoConsoleErrors();
});

test('clicking an event row jumps the animation there', async ({ app, page }) => {
  await app.openWith(TRANSITIVE);
  await app.sendPacket('i-a', 'i-c');
  await page.getByRole('button', { name: 'Pause' }).click();
  await app.eventRows.nth(1).click();
  await expect(app.eventRows.nth(1)).toHaveAttribute('aria-current', 'step');
  await expect(app.stepCount).toHaveText(/^step 2 \//);
  // Keyboard: Enter on a focused row works too.
  await app.eventRows.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(app.eventRows.nth(2)).toHaveAttribute('aria-current', 'step');
});

test('keyboard shortcuts drive the animation but not while typing', async ({ app, page }) => {
  await app.openWith(TRANSITIVE);
  await app.sendPacket('i-a', 'i-c');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Home');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const step = await app.stepCount.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(app.stepCount).not.toHaveText(step!);
  const after = await app.stepCount.textContent();
  await page.getByRole('combobox', { name: 'To' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(app.stepCount).toHaveText(after!);
});
