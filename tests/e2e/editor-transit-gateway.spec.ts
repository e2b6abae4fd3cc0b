// A hub and spoke built by hand: three VPCs with instances and no peering (format 1), upgraded
// to format 2, then a transit gateway, a VPC attachment per VPC, a route table associating and
// propagating all three, and each VPC's routes to the transit gateway. A to C is traced across
// it; a blackhole route drops it (BLACKHOLE_ROUTE) and Undo brings Delivered back. Bad input
// (a CIDR, a duplicate destination, an ASN) is refused at its field. Screenshots of the forms
// at 1366×768 and on a 390-wide phone go to target/screenshots/transit-gateway-editor/.
import { test, expect } from './fixtures';
import { Editor } from './editor';
import { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const SHOTS = 'target/screenshots/transit-gateway-editor';

const spokes = {
  format: 'vpc-playground/1',
  name: 'Three VPCs, no peering',
  vpcs: ['a', 'b', 'c'].map((v, i) => ({
    id: `vpc-${v}`, name: v.toUpperCase(), account: '111111111111', region: 'us-east-1', cidrs: [`10.${i}.0.0/16`],
  })),
  subnets: ['a', 'b', 'c'].map((v, i) => ({
    id: `subnet-${v}`, vpc: `vpc-${v}`, az: 'us-east-1a', cidr: `10.${i}.1.0/24`,
  })),
  route_tables: ['a', 'b', 'c'].map((v) => ({ id: `rtb-${v}`, vpc: `vpc-${v}`, main: true })),
  instances: ['a', 'b', 'c'].map((v, i) => ({ id: `i-${v}`, subnet: `subnet-${v}`, private_ip: `10.${i}.1.10` })),
};

/** On a phone the resources sit in a drawer: open it (once). */
async function phone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const drawer = page.getByRole('button', { name: 'Resources, editor and findings' });
  if (await drawer.isVisible()) await drawer.click();
}

/** The open form fits the phone's width (no sideways scrolling). */
async function fitsWidth(ed: Editor) {
  const box = (await ed.form.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(391);
  expect(await ed.form.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
}

/** A screenshot of the page with `part` of the open form scrolled into view. */
async function shoot(page: Page, part: Locator, name: string) {
  await part.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** axe-core on the open form: no serious or critical violations (every control named). */
async function formIsAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).include('[data-testid="editor"]').analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad).toEqual([]);
}

async function saved(page: Page): Promise<any> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('vpc-playground/scenario') || '{}'));
}

test('builds a hub and spoke through a transit gateway, traces across it, blackholes and undoes', async ({ app, page }) => {
  test.setTimeout(90_000);
  const ed = new Editor(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.openWith(spokes);

  // Format 1 has no transit gateways: the menu leaves them out and the upgrade is offered.
  let kinds = await page.getByLabel('Add resource').locator('option').allTextContents();
  expect(kinds).not.toContain('Transit gateway');
  await page.getByRole('button', { name: 'Upgrade to format 2…' }).click();
  const upgrade = page.getByRole('group', { name: 'Upgrade to format 2' });
  await expect(upgrade).toContainText('transit gateways');
  await upgrade.getByRole('button', { name: 'Upgrade', exact: true }).click();
  kinds = await page.getByLabel('Add resource').locator('option').allTextContents();
  expect(kinds).toEqual(expect.arrayContaining(['Transit gateway', 'Transit gateway attachment', 'Transit gateway route table']));

  // The transit gateway, in the Region of the VPC being worked on; a bad ASN stays in its field.
  await ed.open('vpc-a');
  await ed.add('Transit gateway');
  await expect(ed.form.getByRole('heading')).toHaveText('Transit gateway tgw-1');
  await expect(ed.field('Region')).toHaveValue('us-east-1');
  await ed.set('Name', 'hub');
  await ed.set('Amazon-side ASN', '7224');
  await expect(ed.form.getByTestId('field-error')).toContainText('not a transit gateway ASN');
  await expect(ed.field('Amazon-side ASN')).toHaveValue('7224');
  await expect(ed.field('Amazon-side ASN')).toHaveAttribute('aria-invalid', 'true');
  // The name saved (the autosave writes in a task of its own), the ASN still AWS's default.
  await expect.poll(async () => (await saved(page)).transit_gateways?.[0]?.name).toBe('hub');
  expect((await saved(page)).transit_gateways[0].asn).toBeUndefined();
  await formIsAccessible(page);
  await ed.set('Amazon-side ASN', '64600');
  await expect(ed.form.getByTestId('field-error')).toHaveCount(0);
  await shoot(page, ed.field('Amazon-side ASN'), 'tgw-form-desktop');

  // One VPC attachment per VPC, each with the VPC's subnet in its one zone.
  for (const v of ['a', 'b', 'c']) {
    await ed.open(`vpc-${v}`);
    await ed.add('Transit gateway attachment');
    await expect(ed.field('VPC')).toHaveValue(`vpc-${v}`);
    await expect(ed.field('Subnet in us-east-1a')).toHaveValue(`subnet-${v}`);
  }
  await expect(ed.field('Attachment type')).toHaveValue('vpc');
  await expect(ed.form.getByTestId('attachment-tables')).toContainText('no route table: packets entering by it are dropped');
  await formIsAccessible(page);
  await expect(ed.field('Transit gateway')).toHaveValue('tgw-1');
  // The last subnet cannot go: an attachment needs one.
  await ed.choose('Subnet in us-east-1a', '');
  await expect(ed.form.getByTestId('field-error')).toContainText('needs a subnet in at least one Availability Zone');
  await expect(ed.field('Subnet in us-east-1a')).toHaveValue('subnet-c');
  await shoot(page, ed.form.getByTestId('attachment-subnets'), 'tgw-attachment-form-desktop');

  // A route table that associates and propagates all three.
  await ed.add('Transit gateway route table');
  await expect(ed.form.getByRole('heading')).toHaveText('Transit gateway route table tgw-rtb-1');
  const assoc = ed.form.getByRole('group', { name: /^Associations/ });
  const prop = ed.form.getByRole('group', { name: /^Propagations/ });
  for (const [n, v] of [[1, 'a'], [2, 'b'], [3, 'c']]) {
    await assoc.getByLabel(`tgw-attach-${n} — VPC vpc-${v}`).check();
    await prop.getByLabel(`tgw-attach-${n} — VPC vpc-${v}`).check();
  }
  await expect(assoc.getByRole('checkbox', { checked: true })).toHaveCount(3);
  await formIsAccessible(page);
  const table = (await saved(page)).transit_gateway_route_tables[0];
  expect(table.associations).toEqual(['tgw-attach-1', 'tgw-attach-2', 'tgw-attach-3']);
  expect(table.propagations).toEqual(['tgw-attach-1', 'tgw-attach-2', 'tgw-attach-3']);

  // Each VPC sends the other two VPCs' blocks to the transit gateway.
  const blocks: Record<string, string> = { a: '10.0.0.0/16', b: '10.1.0.0/16', c: '10.2.0.0/16' };
  for (const v of ['a', 'b', 'c']) {
    await ed.open(`rtb-${v}`);
    for (const w of ['a', 'b', 'c'].filter((x) => x !== v)) await ed.addRoute(blocks[w], 'tgw-1');
    await expect(ed.form.getByTestId('route-row')).toHaveCount(2);
  }
  await expect(ed.form.getByTestId('route-row').first().getByLabel('Target')).toHaveValue('tgw-1');
  await expect(ed.findingsHeading).toHaveText('Findings (0)');
  // The attachment's form names its table, which opens from there.
  await ed.open('tgw-attach-2');
  await expect(ed.form.getByTestId('attachment-tables')).toHaveText(/Associated with\s*tgw-rtb-1\s*Propagates into\s*tgw-rtb-1/);
  await ed.form.getByRole('button', { name: 'Open tgw-rtb-1' }).first().click();
  await expect(ed.form.getByRole('heading')).toHaveText('Transit gateway route table tgw-rtb-1');

  // A to C crosses the transit gateway: its route table is a hop.
  await app.sendPacket('i-a', 'i-c');
  await expect(app.status).toHaveText(/^Delivered — DELIVERED/);
  await expect(app.eventRows.filter({ hasText: 'tgw-rtb-1' }).first()).toBeVisible();
  await expect(app.eventRows.filter({ hasText: 'tgw-attach-3' }).first()).toBeVisible();

  // The route table refuses a bad CIDR and a second route for one prefix, at the field.
  await ed.open('tgw-rtb-1');
  const routes = ed.form.getByTestId('tgw-routes');
  await routes.getByLabel('New route destination').fill('10.2.0.0/33');
  await routes.getByRole('button', { name: 'Add route' }).click();
  await expect(routes.getByTestId('field-error')).toContainText('"10.2.0.0/33" is not an IPv4 CIDR');
  await expect(routes.getByLabel('New route destination')).toHaveAttribute('aria-invalid', 'true');
  await expect(routes.getByLabel('New route destination')).toHaveValue('10.2.0.0/33');
  await expect(routes.getByTestId('tgw-route-row')).toHaveCount(0);
  await shoot(page, routes, 'tgw-route-table-bad-cidr-desktop');

  // A blackhole for C's block beats the propagated route of the same length.
  await routes.getByLabel('New route destination').fill('10.2.0.0/16');
  await routes.getByLabel('New route target').selectOption('blackhole');
  await routes.getByRole('button', { name: 'Add route' }).click();
  await expect(routes.getByTestId('tgw-route-row')).toHaveCount(1);
  await expect(routes.getByLabel('Route 1 target')).toHaveValue('blackhole');
  await routes.getByLabel('New route destination').fill('10.2.0.0/16');
  await routes.getByRole('button', { name: 'Add route' }).click();
  await expect(routes.getByTestId('field-error')).toContainText('Route 1 of this table already goes to 10.2.0.0/16');
  await expect(routes.getByTestId('tgw-route-row')).toHaveCount(1);
  await formIsAccessible(page);
  await shoot(page, routes, 'tgw-route-table-routes-desktop');

  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(app.status).toHaveText(/^Dropped — BLACKHOLE_ROUTE/);
  await expect(app.eventRows.filter({ hasText: 'tgw-rtb-1' }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/tgw-blackhole-desktop.png` });

  // Undo takes the blackhole away: Delivered again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(routes.getByTestId('tgw-route-row')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(app.status).toHaveText(/^Delivered — DELIVERED/);

  // Deleting the transit gateway asks first, then takes its attachments, table and routes.
  await ed.open('tgw-1');
  await ed.form.getByRole('button', { name: 'Delete tgw-1' }).click();
  await expect(ed.form.getByTestId('delete-blocked')).toContainText('tgw-attach-1, tgw-attach-2, tgw-attach-3, tgw-rtb-1');
  await ed.form.getByRole('button', { name: /^Delete all tgw-1/ }).click();
  const after = await saved(page);
  expect(after.transit_gateways ?? []).toEqual([]);
  expect(after.transit_gateway_attachments ?? []).toEqual([]);
  expect(after.route_tables.map((t: any) => (t.routes ?? []).length)).toEqual([0, 0, 0]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(ed.item('tgw-rtb-1')).toBeVisible();

  await phone(page);
  for (const id of ['tgw-rtb-1', 'tgw-attach-1', 'tgw-1']) {
    await ed.open(id);
    await fitsWidth(ed);
    await ed.form.screenshot({ path: `${SHOTS}/${id}-form-phone.png` });
  }
  app.expectNoConsoleErrors();
});

test('a VPN connection ends at a transit gateway with its attachment; a peering attachment is accepted by the peer', async ({ app, page }) => {
  const ed = new Editor(page);
  const doc = {
    format: 'vpc-playground/2',
    vpcs: [{ id: 'vpc-a', account: '111111111111', region: 'us-east-1', cidrs: ['10.0.0.0/16'] }],
    subnets: [{ id: 'subnet-a', vpc: 'vpc-a', cidr: '10.0.1.0/24' }],
    route_tables: [{ id: 'rtb-a', vpc: 'vpc-a', main: true }],
    instances: [{ id: 'i-a', subnet: 'subnet-a', private_ip: '10.0.1.10' }],
    vpn_gateways: [{ id: 'vgw-1', vpc: 'vpc-a' }],
    onprem_networks: [{ id: 'hq', cidrs: ['192.168.0.0/16'] }],
    customer_gateways: [{ id: 'cgw-1', ip: '203.0.113.1', network: 'hq' }],
    vpn_connections: [{ id: 'vpn-1', vpn_gateway: 'vgw-1', customer_gateway: 'cgw-1', routing: 'bgp' }],
    transit_gateways: [
      { id: 'tgw-1', region: 'us-east-1', account: '111111111111' },
      { id: 'tgw-2', region: 'eu-west-1', account: '222222222222' },
    ],
  };
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.openWith(doc);
  await ed.open('vpn-1');
  await ed.choose('Ends at', 'tgw-1');
  await expect(page.locator('.notice')).toContainText('Added tgw-attach-1');
  let s = await saved(page);
  expect(s.vpn_connections[0]).toMatchObject({ transit_gateway: 'tgw-1' });
  expect(s.vpn_connections[0].vpn_gateway).toBeUndefined();
  expect(s.transit_gateway_attachments[0]).toMatchObject({ id: 'tgw-attach-1', type: 'vpn', vpn_connection: 'vpn-1' });
  await shoot(page, ed.field('Ends at'), 'vpn-form-ends-at-tgw-desktop');

  // The attachment becomes a peering to tgw-2: pending until tgw-2's account accepts.
  await ed.open('tgw-attach-1');
  await ed.choose('Attachment type', 'peering');
  await expect(ed.field('Peer transit gateway')).toHaveValue('tgw-2');
  await expect(ed.field('Peering status')).toHaveValue('pending-acceptance');
  await formIsAccessible(page);
  await ed.form.getByRole('button', { name: 'Accept tgw-attach-1' }).click();
  await expect(page.locator('.notice')).toContainText('Only account 222222222222');
  await expect(ed.field('Peering status')).toHaveValue('pending-acceptance');
  await ed.actAs('222222222222');
  await ed.form.getByRole('button', { name: 'Accept tgw-attach-1' }).click();
  await expect(ed.field('Peering status')).toHaveValue('available');
  await expect(ed.form.getByRole('button', { name: 'Accept tgw-attach-1' })).toHaveCount(0);
  s = await saved(page);
  expect(s.transit_gateway_attachments[0].vpn_connection).toBeUndefined();

  await shoot(page, ed.field('Peering status'), 'tgw-peering-form-desktop');

  await phone(page);
  await ed.open('tgw-attach-1');
  await fitsWidth(ed);
  await ed.form.screenshot({ path: `${SHOTS}/tgw-peering-form-phone.png` });
  app.expectNoConsoleErrors();
});
