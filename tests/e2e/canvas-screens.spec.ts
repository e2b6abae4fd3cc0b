// Screenshots of the canvas in its key states (topology, packet mid-flight, a drop, the
// inspector), for people to look at; plus checks that selection and zoom work.
import { test, expect } from './fixtures';

test('topology, mid-flight, drop and inspector screenshots', async ({ app, page }) => {
  await app.openWith('tests/fixtures/full.json');
  await app.screenshot('canvas-topology');
  await page.getByLabel('Animation speed').fill('0.5');
  await app.sendPacket('i-a2', 's3.us-east-1.amazonaws.com');
  await expect(app.stepCount).toHaveText(/^step 3 \//, { timeout: 10_000 });
  await page.waitForTimeout(900);
  await app.screenshot('canvas-mid-flight');
  await page.getByRole('button', { name: 'Pause' }).click();

  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await page.getByLabel('Animation speed').fill('4');
  await app.sendPacket('i-a', 'i-c');
  await app.waitForEnd();
  await app.screenshot('canvas-drop');
  await app.eventRows.filter({ hasText: 'rtb-a' }).first().click();
  await app.screenshot('canvas-inspector');
  app.expectNoConsoleErrors();
});

test('zoom buttons and fit change the picture; a click on the canvas selects', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  const fitted = await app.canvasHash();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(() => app.canvasHash()).not.toBe(fitted);
  await page.getByRole('button', { name: 'Fit to view' }).click();
  await expect.poll(() => app.canvasHash()).toBe(fitted);
  const box = (await app.canvas.boundingBox())!;
  // Somewhere on the canvas there is a VPC box; sweep rows until something is selected
  // (the layout may wrap VPCs onto two rows, leaving the middle row empty).
  sweep: for (const fy of [0.5, 0.35, 0.65, 0.25, 0.75]) {
    for (let x = 40; x < box.width; x += 40) {
      await app.canvas.click({ position: { x, y: box.height * fy } });
      const label = await app.canvas.getAttribute('aria-label');
      if (label && label.includes('selected')) break sweep;
    }
  }
  await expect(app.canvas).toHaveAttribute('aria-label', /selected (vpc|subnet|i|pcx)-/);
});

test('delivered: tick at the destination after the reply, reply rows after the forward ones', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await page.getByLabel('Animation speed').fill('4');
  await app.sendPacket('i-a', 'i-b');
  await app.waitForEnd();
  await app.screenshot('canvas-delivered');
  const rows = app.eventRows;
  const n = await rows.count();
  await rows.nth(n - 2).click();
  await expect(rows.nth(n - 2)).toHaveClass(/back/);
  await app.screenshot('canvas-reply');
});
