// Cross-account peering: the request waits in the accepter's account, the requester's
// account cannot accept it, the accepter's can.
import { test, expect } from './fixtures';
import { Editor } from './editor';

test('a cross-account request is accepted only as the accepter account', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  await ed.add('VPC');
  await ed.set('Account', '111111111111');
  await ed.add('VPC');
  await ed.set('Account', '222222222222');
  await ed.choose('Region', 'eu-west-1');

  await ed.actAs('111111111111');
  await ed.open('vpc-1');
  await ed.requestPeering('vpc-2');

  // The request shows as pending in the accepter's account group.
  const accepterGroup = page.getByTestId('account-group').filter({ hasText: 'Account 222222222222' });
  await expect(accepterGroup.getByTestId('incoming-requests')).toContainText('pcx-1');
  await expect(page.getByTestId('account-group').filter({ hasText: 'Account 111111111111' }).getByTestId('incoming-requests')).toHaveCount(0);

  // As the requester, accepting is refused with the engine's reason.
  await accepterGroup.getByRole('button', { name: 'Accept pcx-1' }).click();
  await expect(ed.alert).toContainText('Only account 222222222222');
  await expect(page.getByTestId('peering-list')).toContainText('pending-acceptance');
  await app.screenshot('editor-cross-account-refused');

  // In the accepter's console it works.
  await ed.actAs('222222222222');
  await accepterGroup.getByRole('button', { name: 'Accept pcx-1' }).click();
  await expect(page.getByTestId('peering-list')).toContainText('vpc-1 → vpc-2: active (cross-account)');
  // Inter-region peering is allowed; validation mentions it as information.
  await expect(page.getByTestId('findings')).toContainText('INTER_REGION_PEERING');
  await expect(page.getByTestId('findings')).toContainText('Info');
  // Clicking a finding selects the resource it is about.
  await page.getByTestId('finding').filter({ hasText: 'INTER_REGION_PEERING' }).click();
  await expect(ed.form.getByRole('heading')).toHaveText('Peering connection pcx-1');
  await expect(ed.item('pcx-1')).toHaveAttribute('aria-current', 'true');
  await app.screenshot('editor-peering-form');
  app.expectNoConsoleErrors();
});
