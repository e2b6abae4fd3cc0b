// The hop inspector shows the route table's matching routes with the winner marked and why.
import { test, expect } from './fixtures';

test('the route-table hop shows the winning route and the rule', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await app.sendPacket('i-a', 'i-c');
  await page.getByRole('button', { name: 'Pause' }).click();
  await app.eventRows.filter({ hasText: 'rtb-a' }).first().click();
  const inspector = page.getByRole('region', { name: 'Hop inspector' });
  await expect(inspector).toContainText('Route table rtb-a');
  const chosen = inspector.locator('tr[data-chosen="true"]');
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toContainText('10.2.0.0/16 → pcx-ab');
  await expect(chosen).toContainText('✓ chosen');
  await expect(inspector).toContainText('Why:');
  await expect(inspector.getByRole('link', { name: 'AWS doc' })).toHaveAttribute('href', /docs\.aws\.amazon\.com/);
});

test('the drop hop shows its reason code and does not call the VPC a route table', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await app.sendPacket('i-a', 'i-c');
  await page.getByRole('button', { name: 'Pause' }).click();
  await app.eventRows.last().click();
  const inspector = page.getByRole('region', { name: 'Hop inspector' });
  await expect(inspector).toContainText('Reason code: TRANSITIVE_PEERING');
  await expect(inspector).not.toContainText('Route table vpc-b');
});

test('a drop names its nearest Reachability Analyzer explanation code', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  await app.sendPacket('i-a', 'i-c');
  await page.getByRole('button', { name: 'Pause' }).click();
  const last = app.eventRows.last();
  await expect(last).toContainText('Reachability Analyzer: PCX_REQUIRES_ADDRESS_IN_VPC_CIDR');
  await last.click();
  const inspector = page.getByRole('region', { name: 'Hop inspector' });
  await expect(inspector.getByTestId('explanation-code')).toHaveText(
    'Reachability Analyzer: PCX_REQUIRES_ADDRESS_IN_VPC_CIDR',
  );
  // A hop that does not drop names none.
  await app.eventRows.first().click();
  await expect(inspector.getByTestId('explanation-code')).toHaveCount(0);
});
