// The simulated clock: a pending peering request expires after 7 days without an answer.
import { test, expect } from './fixtures';
import { Editor } from './editor';

test('advancing the clock expires a pending request', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  await ed.add('VPC');
  await ed.add('VPC');
  await ed.open('vpc-1');
  await ed.requestPeering('vpc-2');
  await expect(page.getByTestId('clock')).toHaveText('Day 1, 00:00');

  await page.getByRole('button', { name: '+1 hour' }).click();
  await page.getByRole('button', { name: '+1 day' }).click();
  await expect(page.getByTestId('clock')).toHaveText('Day 2, 01:00');
  await expect(page.getByTestId('peering-list')).toContainText('pending-acceptance');

  await page.getByRole('button', { name: '+7 days' }).click();
  await expect(page.getByTestId('clock')).toHaveText('Day 9, 01:00');
  await expect(ed.alert).toContainText('Expired after 7 days without an answer: pcx-1');
  await expect(page.getByTestId('peering-list')).toContainText('vpc-1 → vpc-2: expired');
  await expect(page.getByRole('button', { name: 'Accept pcx-1' })).toHaveCount(0);
  await app.screenshot('editor-expired');
  app.expectNoConsoleErrors();
});
