// The less common forms work end to end: an interface endpoint, and a VPN with a tunnel down.
import { test, expect } from './fixtures';
import { Editor } from './editor';

test('endpoint, VPN and on-premises forms edit the scenario', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  await ed.add('VPC');
  await ed.add('Subnet');
  await ed.open('vpc-1');
  await ed.add('VPC endpoint');
  await ed.choose('Type', 'interface');
  await ed.form.getByRole('checkbox', { name: /subnet-1/ }).check();
  await expect(ed.field('Private IPs (one per subnet, in order)')).toHaveValue('10.0.1.10');
  await expect(ed.item('vpce-1')).toContainText('interface');
  await ed.form.screenshot({ path: 'target/screenshots/editor-endpoint-form.png' });

  await ed.add('On-premises network');
  await ed.form.getByRole('button', { name: 'Add host' }).click();
  await expect(ed.item('host-1')).toContainText('192.168.0.10');
  await ed.open('vpc-1');
  await ed.add('VPN gateway');
  await ed.add('Customer gateway');
  await ed.add('VPN connection');
  await page.getByRole('button', { name: 'Tunnel 1 up' }).click();
  await expect(page.getByRole('button', { name: 'Tunnel 1 up' })).toHaveAttribute('aria-pressed', 'false');
  await expect(ed.item('vpn-1')).toContainText('tunnels down/up');
  await ed.form.screenshot({ path: 'target/screenshots/editor-vpn-form.png' });

  // A resource others use cannot go alone.
  await ed.open('vgw-1');
  await ed.form.getByRole('button', { name: 'Delete vgw-1' }).click();
  await expect(ed.form.getByTestId('delete-blocked')).toContainText('vpn-1');
  await expect(ed.findingsHeading).toHaveText('Findings (0)');
  app.expectNoConsoleErrors();
});
