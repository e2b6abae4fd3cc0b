// The reachability matrix shows every pair with a tick or a cross and its code, and a cell
// runs its trace.
import { test, expect } from './fixtures';

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
