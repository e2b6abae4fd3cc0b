// Embed mode inside a trainer's page served under another path (/docs/ beside
// /vpc-playground/): canvas, trace controls and lesson only, no editor.
import { test, expect } from './fixtures';

test('a library lesson embedded in a host page under /docs/', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/docs/embed-host.html');
  const frame = page.frameLocator('iframe[title="vpc-playground: Transitive peering"]');
  await expect(frame.getByTestId('topology-canvas')).toBeVisible();
  await expect(frame.getByRole('region', { name: 'Lesson' })).toContainText('Can A reach C');
  await expect(frame.getByRole('status')).toBeVisible();
  // No editor and no header actions in embed mode.
  await expect(frame.getByRole('button', { name: 'Scenarios' })).toHaveCount(0);
  await expect(frame.getByRole('complementary', { name: 'Resources' })).toHaveCount(0);
  await page.screenshot({ path: 'target/screenshots/embed-host.png' });
  expect(errors).toEqual([]);
});

test('the Embed dialog gives an iframe snippet whose page opens in embed mode', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const d = app.dialog('Embed in your docs');
  await d.getByRole('checkbox', { name: 'Start playing automatically' }).check();
  const code = await d.getByRole('textbox', { name: 'Embed code' }).inputValue();
  await app.screenshot('embed-dialog');
  expect(code).toMatch(/^<iframe src="[^"]+#s=[^"]+&amp;embed=1&amp;autoplay=1" width="100%" height="520" style="border:0" title="vpc-playground: Transitive peering" loading="lazy"><\/iframe>$/);
  const src = code.match(/src="([^"]+)"/)![1].replaceAll('&amp;', '&');
  const embedded = await page.context().newPage();
  await embedded.goto(src);
  await expect(embedded.getByTestId('topology-canvas')).toBeVisible();
  await expect(embedded.getByRole('button', { name: 'Scenarios' })).toHaveCount(0);
  await expect(embedded.getByRole('status')).toBeVisible();
  await embedded.screenshot({ path: 'target/screenshots/embed-page.png' });
  await embedded.close();
});
