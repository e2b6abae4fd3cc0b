// The reachability matrix shows every pair with a tick or a cross and its code, and a cell
// runs its trace.
import { test, expect, repoScenario } from './fixtures';

test('matrix cells say the verdict in words and run their trace', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await page.getByRole('button', { name: 'Reachability matrix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reachability matrix' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^i-a to i-b: delivered/ })).toHaveText('✓');
  const ac = dialog.getByRole('button', { name: /^i-a to i-c: dropped, TRANSITIVE_PEERING/ });
  await expect(ac).toHaveText('✗ TRANSITIVE_PEERING');
  await ac.click();
  await expect(dialog).toBeHidden();
  await expect(app.status).toHaveText(/^Dropped — TRANSITIVE_PEERING/);
  await expect(page.getByLabel('From')).toHaveValue('i-a');
  await expect(page.getByRole('combobox', { name: 'To' })).toHaveValue('i-c');
});

test('a matrix wider and taller than its dialog scrolls with the host names kept in view', async ({ app, page }) => {
  await page.setViewportSize({ width: 700, height: 420 });
  const doc = repoScenario('tests/fixtures/full.json');
  for (let n = 1; n <= 8; n++) {
    doc.instances.push({ id: `i-web-${n}`, subnet: 'subnet-a', private_ip: `10.0.1.${100 + n}` });
  }
  await app.openWith(doc);
  await page.getByRole('button', { name: 'Reachability matrix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reachability matrix' });
  // Every row in (they come from the engine worker a few at a time), then scrolled.
  await expect(dialog.getByTestId('reach-progress')).toHaveText(/ pairs traced\.$/);
  const scroller = dialog.locator('.reach-scroll');
  const overflow = await scroller.evaluate((e) => [e.scrollWidth > e.clientWidth, e.scrollHeight > e.clientHeight]);
  expect(overflow).toEqual([true, true]);
  await scroller.evaluate((e) => { e.scrollLeft = e.scrollWidth; e.scrollTop = e.scrollHeight; });
  const box = (await scroller.boundingBox())!;
  // The first row's name (left column) and the last column's name (top row) are still inside.
  for (const name of [dialog.getByRole('rowheader').last(), dialog.getByRole('columnheader').last()]) {
    const b = (await name.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(b.y).toBeGreaterThanOrEqual(box.y - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height + 1);
  }
  await app.screenshot('reach-matrix-scrolled');
  app.expectNoConsoleErrors();
});
