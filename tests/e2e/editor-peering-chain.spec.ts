// Building the A-B-C peering chain by clicking and typing: VPCs, subnets, instances, two
// peerings requested and accepted, and the routes to them.
import { test, expect } from './fixtures';
import { Editor } from './editor';

test('builds the A-B-C peering chain through the editor', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  for (const name of ['A', 'B', 'C']) await ed.addVpcWithInstance(name);

  // Generated ids are unique across the document, with defaults that do not overlap.
  for (const [id, text] of [
    ['vpc-1', 'A · 10.0.0.0/16'], ['vpc-2', 'B · 10.1.0.0/16'], ['vpc-3', 'C · 10.2.0.0/16'],
    ['subnet-2', '10.1.1.0/24'], ['i-3', '10.2.1.10'], ['rtb-1', 'main'],
  ]) {
    await expect(ed.item(id)).toContainText(text);
  }

  // A requests B, B requests C; the requests wait for the accepter, then are accepted.
  await ed.open('vpc-1');
  await ed.requestPeering('vpc-2');
  await expect(page.getByTestId('incoming-requests')).toContainText('pcx-1');
  await page.getByRole('button', { name: 'Accept pcx-1' }).first().click();
  await ed.open('vpc-2');
  await ed.requestPeering('vpc-3');
  await page.getByRole('button', { name: 'Accept pcx-2' }).first().click();
  const peerings = page.getByTestId('peering-list');
  await expect(peerings).toContainText('vpc-1 → vpc-2: active');
  await expect(peerings).toContainText('vpc-2 → vpc-3: active');

  // Routes through the peerings.
  await ed.open('rtb-1');
  await ed.addRoute('10.1.0.0/16', 'pcx-1');
  await ed.open('rtb-2');
  await ed.addRoute('10.0.0.0/16', 'pcx-1');
  await ed.addRoute('10.2.0.0/16', 'pcx-2');
  await ed.open('rtb-3');
  await ed.addRoute('10.1.0.0/16', 'pcx-2');
  await expect(ed.form.getByTestId('route-row')).toHaveCount(1);
  await ed.open('rtb-2');
  await expect(ed.form.getByTestId('route-row')).toHaveCount(2);
  await expect(ed.form.getByTestId('route-row').nth(1).getByLabel('Target')).toHaveValue('pcx-2');
  await ed.form.getByTestId('routes').scrollIntoViewIfNeeded();
  await ed.form.screenshot({ path: 'target/screenshots/editor-route-table-form.png' });

  await expect(ed.findingsHeading).toHaveText('Findings (0)');
  await app.screenshot('editor-chain');

  // The work survives a reload (autosave).
  await page.reload();
  await expect(ed.item('pcx-2')).toBeVisible();
  app.expectNoConsoleErrors();
});
