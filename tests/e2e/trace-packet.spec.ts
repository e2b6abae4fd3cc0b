// The trace panel's packet: common choices and a custom protocol and port, traced (a
// security group that allows HTTPS only drops SSH), refused at the field when the port is
// bad, and carried by the share link as `&proto=&port=` (docs/scenario-format.md U10).
import { test, expect } from './fixtures';
const f2 = 'tests/fixtures/filters.json';

test('the packet picks a protocol and port, is traced, and round trips through the URL', async ({ app, page, browser }) => {
  await app.openWith(f2, '#from=i-a&to=i-b&proto=tcp&port=22');
  const packet = page.getByLabel('Packet', { exact: true });
  await expect(packet).toHaveValue('ssh');
  // sg-web lets in HTTPS only: SSH stops at i-b's group.
  await expect(app.status).toContainText('Dropped');
  await packet.selectOption('https');
  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(app.status).toContainText('Delivered');

  // A custom packet: UDP 53; a bad port is refused at the field.
  await packet.selectOption('custom');
  await page.getByLabel('Protocol', { exact: true }).selectOption('udp');
  const port = page.getByLabel('Port', { exact: true });
  await port.fill('99999');
  await port.press('Tab');
  await expect(page.getByTestId('packet-picker').getByTestId('field-error'))
    .toContainText('99999 is not a port: a port is 1-65535.');
  await port.fill('53');
  await port.press('Tab');
  await page.getByRole('button', { name: 'Send packet' }).click();
  await app.screenshot('trace-packet-custom');
  const link = await app.shareLink();
  expect(link).toMatch(/&proto=udp&port=53$/);

  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Packet', { exact: true })).toHaveValue('custom');
  await expect(other.getByLabel('Protocol', { exact: true })).toHaveValue('udp');
  await expect(other.getByLabel('Port', { exact: true })).toHaveValue('53');
  await other.close();

  await page.getByLabel('Packet', { exact: true }).selectOption('ping');
  await page.getByRole('button', { name: 'Send packet' }).click();
  expect(await app.shareLink()).toMatch(/&proto=icmp$/);
  app.expectNoConsoleErrors();
});
