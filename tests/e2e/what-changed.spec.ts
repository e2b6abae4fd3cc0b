// After an edit, re-running the same trace says what differs from the last run.
import { test, expect, repoScenario } from './fixtures';
import { Editor } from './editor';

test('accepting the pending peering turns the same trace from dropped to delivered, and says so', async ({ app, page }) => {
  const scenario = repoScenario('crates/engine/scenarios/02-full-mesh.json');
  scenario.peering_connections.find((p: any) => p.id === 'pcx-ac').status = 'pending-acceptance';
  delete scenario.lesson;
  await app.openWith(scenario);
  await app.sendPacket('i-a', 'i-c');
  await expect(app.status).toContainText('PEERING_NOT_ACTIVE');
  await expect(page.getByTestId('what-changed')).toHaveCount(0);

  // C's account accepts the request, then the same packet is sent again.
  const ed = new Editor(page);
  await ed.actAs('222222222222');
  await page.getByTestId('account-group').filter({ hasText: 'Account 222222222222' })
    .getByRole('button', { name: 'Accept pcx-ac' }).click();
  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(app.status).toContainText('Delivered');
  const changed = page.getByTestId('what-changed');
  await expect(changed).toBeVisible();
  await expect(changed).toContainText(/dropped|delivered/i);
  await app.screenshot('what-changed');
  app.expectNoConsoleErrors();
});
