// A to C through B is dropped as transitive peering, and the status says so in the URL
// contract's "Verdict — CODE: text" shape, with the drop marked in the event list.
import { test, expect } from './fixtures';

test('A -> C is dropped with TRANSITIVE_PEERING', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await app.sendPacket('i-a', 'i-c');
  await expect(app.status).toHaveText(/^Dropped — TRANSITIVE_PEERING: .+/);
  await expect(app.eventRows.first()).toContainText('i-a');
  await expect(app.eventRows.last()).toContainText('DROP');
  app.expectNoConsoleErrors();
});

test('A -> B is delivered, with a reply path', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await app.sendPacket('i-a', 'i-b');
  await expect(app.status).toHaveText(/^Delivered — DELIVERED: .+/);
  await expect(page.getByRole('heading', { name: 'Reply' })).toBeVisible();
});

test('an empty To gets an inline message and no trace', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await page.getByRole('combobox', { name: 'To' }).fill('');
  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(page.getByText('Type where to send the packet')).toBeVisible();
  await expect(app.status).toHaveText('');
});
