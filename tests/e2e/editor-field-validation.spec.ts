// Bad values are refused at the field: a message next to it, the old value kept in the model,
// and for a CIDR with host bits a one-click fix.
import { test, expect } from './fixtures';
import { Editor } from './editor';

test('a CIDR with host bits is refused with a one-click fix', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  await ed.add('VPC');
  const cidr = ed.field('Primary CIDR block');
  await ed.set('Primary CIDR block', '10.5.0.1/16');
  await expect(cidr).toHaveAttribute('aria-invalid', 'true');
  const msg = ed.form.getByTestId('field-error');
  await expect(msg).toContainText('has host bits set');
  await expect(cidr).toHaveAttribute('aria-describedby', /-msg/);
  // Not applied: the model still has the old block.
  await expect(ed.item('vpc-1')).toContainText('10.0.0.0/16');
  await app.screenshot('editor-host-bits');

  await ed.form.getByRole('button', { name: 'Use 10.5.0.0/16' }).click();
  await expect(cidr).toHaveValue('10.5.0.0/16');
  await expect(cidr).not.toHaveAttribute('aria-invalid', 'true');
  await expect(ed.item('vpc-1')).toContainText('10.5.0.0/16');
  app.expectNoConsoleErrors();
});

test('an overlapping subnet CIDR and a bad address are refused at the field', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  await ed.add('VPC');
  await ed.add('Subnet');
  await ed.open('vpc-1');
  await ed.add('Subnet');
  await ed.set('CIDR block', '10.0.1.128/25');
  await expect(ed.form.getByTestId('field-error')).toContainText('overlaps subnet-1 (10.0.1.0/24)');
  await expect(ed.field('CIDR block')).toHaveAttribute('aria-invalid', 'true');
  await expect(ed.item('subnet-2')).toContainText('10.0.2.0/24');

  await ed.set('CIDR block', 'ten.0.0.0/24');
  await expect(ed.form.getByTestId('field-error')).toContainText('is not an IPv4 CIDR');
  await expect(ed.item('subnet-2')).toContainText('10.0.2.0/24');

  await ed.add('Instance');
  await ed.set('Private IP', '10.0.2.2');
  await expect(ed.form.getByTestId('field-error')).toContainText('reserved by AWS');
  await expect(ed.item('i-1')).toContainText('10.0.2.10');
  await app.screenshot('editor-overlap');

  // Undo steps back through the applied edits only.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(ed.item('i-1')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(ed.item('i-1')).toBeVisible();
  app.expectNoConsoleErrors();
});

test('a finding shows at the field holding the value it is about, a whole-resource one atop its form', async ({ app, page }) => {
  const ed = new Editor(page);
  await app.openWith('tests/fixtures/full.json');
  // A route of rtb-b (vpc-b) sent to vpc-a's internet gateway: the finding sits under that
  // route's Target, not under its Destination nor the other route, though it names both.
  await ed.open('rtb-b');
  const rows = ed.form.getByTestId('route-row');
  await rows.nth(1).getByLabel('Target', { exact: true }).selectOption('igw-a');
  const note = rows.nth(1).getByTestId('field-note');
  await expect(note).toHaveCount(1);
  await expect(note).toContainText('Error ROUTE_TARGET_OTHER_VPC: Route table rtb-b sends 10.2.0.0/16 to igw-a, which belongs to vpc-a');
  // Its icon and colour are an error's, as in the Findings list, not a warning's triangle.
  await expect(note).toHaveClass(/field-note-error/);
  await expect(note.locator('.field-note-icon')).toHaveText('✖');
  await expect(rows.nth(1).getByLabel('Target', { exact: true })).toHaveAttribute('aria-describedby', /-note/);
  await expect(ed.form.getByTestId('field-note')).toHaveCount(1);
  await expect(page.getByTestId('finding').filter({ hasText: 'ROUTE_TARGET_OTHER_VPC' })).toHaveCount(1);
  await note.scrollIntoViewIfNeeded();
  await app.screenshot('editor-finding-at-route-target');
  // An inter-Region peering is about the peering as a whole: it shows at the top of its form.
  await ed.open('pcx-ad');
  const top = ed.form.getByTestId('field-note');
  await expect(top).toHaveCount(1);
  await expect(top).toContainText('Info INTER_REGION_PEERING: pcx-ad joins vpc-a in us-east-1 and vpc-d in eu-west-1');
  await expect(top).toHaveClass(/field-note-info/);
  await expect(top.locator('.field-note-icon')).toHaveText('ℹ');
  await expect(top).toBeInViewport();
  await app.screenshot('editor-finding-atop-peering');
  app.expectNoConsoleErrors();
});
