// Format 2's filters in the editor: a security group with its rules, a bad port range
// refused at the field, ACL rules reordered and renumbered, the groups of an instance and the
// ACL of a subnet; and "Upgrade to format 2" for a format 1 scenario, undone.
import { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { Editor } from './editor';

/** A format 2 VPC: i-b in sg-web (HTTPS from the VPC only), subnet-a2 in acl-a. */
const f2 = 'tests/fixtures/filters.json';

/** The autosaved scenario: what the model holds after an edit (written in a task of its own,
 * so read with `expect.poll`). */
async function saved(page: Page): Promise<any> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('vpc-playground/scenario') || '{}'));
}

test('a security group gets a rule; a bad port range is refused at the field', async ({ app, page }) => {
  const ed = new Editor(page);
  await app.openWith(f2);
  await ed.open('vpc-a');
  await ed.add('Security group');
  await expect(ed.form.getByRole('heading')).toContainText('sg-1');
  const inbound = ed.form.getByTestId('sg-ingress');
  await expect(inbound.getByTestId('rules-empty')).toHaveText('No inbound rule: nothing may come in.');
  // AWS's allow-all outbound rule is there from the start.
  await expect(ed.form.getByTestId('sg-egress').getByTestId('rule-row')).toHaveCount(1);
  await inbound.getByRole('button', { name: 'Add inbound rule' }).click();
  await expect(inbound.getByTestId('rule-row')).toHaveCount(1);
  const ports = ed.field('Inbound rule 1 ports');
  await expect(ports).toHaveValue('443');

  // A range written backwards: refused with the message at the field and a one-click fix.
  await ed.set('Inbound rule 1 ports', '1024-80');
  await expect(ports).toHaveAttribute('aria-invalid', 'true');
  await expect(inbound.getByTestId('field-error')).toContainText('The range 1024-80 runs backwards');
  await expect.poll(async () => (await saved(page)).security_groups[1].ingress[0].ports).toBe('443');
  await app.screenshot('editor-sg-bad-ports');
  await inbound.getByRole('button', { name: 'Use 80-1024' }).click();
  await expect(ports).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(async () => (await saved(page)).security_groups[1].ingress[0].ports).toBe('80-1024');

  await ed.set('Inbound rule 1 ports', '70000');
  await expect(inbound.getByTestId('field-error')).toContainText('70000 is not a port: ports are 1-65535.');
  await expect(ports).toHaveValue('70000');
  await expect.poll(async () => (await saved(page)).security_groups[1].ingress[0].ports).toBe('80-1024');

  // The source: another group, a prefix list of the Region, or a CIDR block.
  await ed.choose('Inbound rule 1 source', 'sg-web');
  await expect(ed.field('Inbound rule 1 source CIDR')).toHaveCount(0);
  await expect.poll(async () => (await saved(page)).security_groups[1].ingress[0].source).toBe('sg-web');
  await ed.choose('Inbound rule 1 source', 'pl-63a5400a');
  await expect.poll(async () => (await saved(page)).security_groups[1].ingress[0].source).toBe('pl-63a5400a');
  await ed.choose('Inbound rule 1 source', 'cidr');
  await ed.set('Inbound rule 1 source CIDR', '10.0.1.0/24');
  await expect.poll(async () => (await saved(page)).security_groups[1].ingress[0].source).toBe('10.0.1.0/24');

  // ICMP has no ports: the field is disabled and the rule written without them.
  await ed.choose('Inbound rule 1 protocol', 'icmp');
  await expect(ed.field('Inbound rule 1 ports')).toBeDisabled();
  await expect.poll(async () => (await saved(page)).security_groups[1].ingress[0]).toEqual({ protocol: 'icmp', source: '10.0.1.0/24' });
  await ed.set('Name', 'ping-from-a1');
  await app.screenshot('editor-sg-form');
  await expect(ed.item('sg-1')).toContainText('1 in, 1 out');

  // The instance is in the VPC's default group until a group is checked.
  await ed.open('i-a');
  const note = ed.form.getByTestId('default-group-note');
  await expect(note).toHaveText("In no group: AWS puts it in the VPC's default group, vpc-a:default-sg.");
  await ed.form.getByRole('checkbox', { name: 'sg-1 (ping-from-a1)' }).check();
  await expect(note).toHaveCount(0);
  await expect.poll(async () => (await saved(page)).instances[0].security_groups).toEqual(['sg-1']);
  await app.screenshot('editor-instance-groups');
  app.expectNoConsoleErrors();
});

test('ACL rules are shown by number, reordered, renumbered; duplicates refused', async ({ app, page }) => {
  const ed = new Editor(page);
  await app.openWith(f2);
  await ed.open('acl-a');
  const inbound = ed.form.getByTestId('acl-ingress');
  const number = (n: number) => ed.field(`Inbound rule ${n} number`);
  await expect(number(1)).toHaveValue('100');
  await expect(ed.field('Inbound rule 1 protocol')).toHaveValue('tcp');
  await expect(inbound.getByRole('button', { name: 'Move inbound rule 1 up' })).toBeDisabled();

  // Deny 10.0.1.0/24 before the allow: the rules swap numbers, the table its rows.
  await inbound.getByRole('button', { name: 'Move inbound rule 2 up' }).click();
  await expect(ed.field('Inbound rule 1 protocol')).toHaveValue('all');
  await expect(ed.field('Inbound rule 1 action')).toHaveValue('deny');
  let acl = (await saved(page)).network_acls[0];
  expect(acl.ingress.map((r: any) => [r.rule, r.action])).toEqual([[100, 'deny'], [200, 'allow']]);

  // A number already used in this direction is refused at the field, the old one kept.
  await ed.set('Inbound rule 1 number', '200');
  await expect(number(1)).toHaveAttribute('aria-invalid', 'true');
  await expect(inbound.getByTestId('field-error')).toContainText(
    'Rule 200 is already in the inbound rules: each number is used once per direction.');
  await expect.poll(async () => (await saved(page)).network_acls[0].ingress[0].rule).toBe(100);
  await app.screenshot('editor-acl-duplicate');

  // Renumbering reorders: 100 → 300 puts the deny last.
  await ed.set('Inbound rule 1 number', '300');
  await expect(number(1)).toHaveValue('200');
  await expect(ed.field('Inbound rule 1 action')).toHaveValue('allow');
  await expect(number(2)).toHaveValue('300');
  await inbound.getByRole('button', { name: 'Add inbound rule' }).click();
  await expect(number(3)).toHaveValue('310');
  await expect(inbound.getByRole('button', { name: 'Move inbound rule 3 down' })).toBeDisabled();
  await inbound.getByRole('button', { name: 'Move inbound rule 2 down' }).click();
  await expect(ed.field('Inbound rule 3 action')).toHaveValue('deny');
  await expect(number(3)).toHaveValue('310');
  await app.screenshot('editor-acl-form');

  // The subnet form says which ACL the subnet uses and moves it.
  await ed.open('subnet-a2');
  await expect(ed.field('Network ACL')).toHaveValue('acl-a');
  await ed.choose('Network ACL', '');
  acl = (await saved(page)).network_acls[0];
  expect(acl.subnets ?? []).toEqual([]);
  await ed.open('subnet-a1');
  await ed.choose('Network ACL', 'acl-a');
  await expect.poll(async () => (await saved(page)).network_acls[0].subnets).toEqual(['subnet-a1']);
  await app.screenshot('editor-subnet-acl');
  app.expectNoConsoleErrors();
});

test('format 1 offers no filters to add', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  const kinds = await page.getByLabel('Add resource').locator('option').allTextContents();
  expect(kinds).not.toContain('Security group');
  expect(kinds).not.toContain('Network ACL');
  app.expectNoConsoleErrors();
});

test('a format 1 scenario upgrades to format 2 in one undoable edit, its verdicts kept', async ({ app, page }) => {
  const ed = new Editor(page);
  const f1 = {
    format: 'vpc-playground/1',
    vpcs: [{ id: 'vpc-a', region: 'us-east-1', cidrs: ['10.0.0.0/16'] }],
    subnets: [{ id: 'subnet-a1', vpc: 'vpc-a', cidr: '10.0.1.0/24' }],
    route_tables: [{ id: 'rtb-a', vpc: 'vpc-a', main: true }],
    instances: [
      { id: 'i-a', subnet: 'subnet-a1', private_ip: '10.0.1.10' },
      { id: 'i-b', subnet: 'subnet-a1', private_ip: '10.0.1.11' },
    ],
  };
  await app.openWith(f1);
  await app.sendPacket('i-a', 'i-b');
  await expect(app.status).toContainText('Delivered');
  await expect(page.getByTestId('packet-unfiltered')).toBeVisible();

  await page.getByRole('button', { name: 'Upgrade to format 2…' }).click();
  const panel = page.getByRole('group', { name: 'Upgrade to format 2' });
  await expect(panel).toContainText('sg-default-vpc-a');
  await expect(panel.getByTestId('upgrade-no-change')).toHaveText('Every reachability-matrix verdict stays the same.');
  await app.screenshot('editor-upgrade-offer');
  await panel.getByRole('button', { name: 'Upgrade', exact: true }).click();
  await expect(ed.item('sg-default-vpc-a')).toBeVisible();
  await expect.poll(async () => (await saved(page)).format).toBe('vpc-playground/2');
  await expect(page.getByRole('button', { name: 'Upgrade to format 2…' })).toHaveCount(0);
  const kinds = await page.getByLabel('Add resource').locator('option').allTextContents();
  expect(kinds).toContain('Security group');
  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(app.status).toContainText('Delivered');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await saved(page)).format).toBe('vpc-playground/1');
  await expect(ed.item('sg-default-vpc-a')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Upgrade to format 2…' })).toBeVisible();
  app.expectNoConsoleErrors();
});
