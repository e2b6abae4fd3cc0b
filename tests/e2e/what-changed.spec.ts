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

// Issue 16's first transit gateway lesson, done by hand: lesson 1's A -> C fails through B
// (no transitive peering); the three VPCs put on one transit gateway, the same packet is
// delivered, and "what changed" says so.
test('replacing transitive peering with a transit gateway turns A -> C from dropped to delivered, and says so', async ({ app, page }) => {
  test.setTimeout(90_000);
  const scenario = repoScenario('crates/engine/scenarios/01-transitive-peering.json');
  delete scenario.lesson;
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.openWith(scenario);
  await app.sendPacket('i-a', 'i-c');
  await expect(app.status).toContainText('TRANSITIVE_PEERING');

  const ed = new Editor(page);
  await page.getByRole('button', { name: 'Upgrade to format 2…' }).click();
  await page.getByRole('group', { name: 'Upgrade to format 2' })
    .getByRole('button', { name: 'Upgrade', exact: true }).click();
  await ed.open('vpc-a');
  await ed.add('Transit gateway');
  // One attachment per VPC, in the zone of its subnet (vpc-c's is in us-east-1b).
  for (const v of ['a', 'b', 'c']) {
    await ed.open(`vpc-${v}`);
    await ed.add('Transit gateway attachment');
    await expect(ed.field('VPC')).toHaveValue(`vpc-${v}`);
  }
  await ed.add('Transit gateway route table');
  const assoc = ed.form.getByRole('group', { name: /^Associations/ });
  const prop = ed.form.getByRole('group', { name: /^Propagations/ });
  for (const [n, v] of [[1, 'a'], [2, 'b'], [3, 'c']]) {
    await assoc.getByLabel(`tgw-attach-${n} — VPC vpc-${v}`).check();
    await prop.getByLabel(`tgw-attach-${n} — VPC vpc-${v}`).check();
  }
  // A sends C's block to the transit gateway instead of the peering; C sends A's back.
  await ed.open('rtb-a');
  await ed.form.getByTestId('route-row').nth(1).getByLabel('Target').selectOption('tgw-1');
  await ed.open('rtb-c');
  await ed.addRoute('10.0.0.0/16', 'tgw-1');

  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(app.status).toHaveText(/^Delivered — DELIVERED/);
  await expect(app.eventRows.filter({ hasText: 'tgw-rtb-1' }).first()).toBeVisible();
  const changed = page.getByTestId('what-changed');
  await expect(changed).toBeVisible();
  await expect(changed).toContainText(/dropped/i);
  await expect(changed).toContainText(/delivered/i);
  await app.screenshot('what-changed-transit-gateway');
  app.expectNoConsoleErrors();
});
