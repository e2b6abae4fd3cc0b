// The app shell loads from the GitHub Pages sub-path with a crisp canvas and no console error.
import { test, expect } from './fixtures';

test('loads under /vpc-playground/ with a hi-DPI canvas and no console error', async ({ app, page }) => {
  await app.open();
  await expect(page).toHaveTitle(/vpc-playground/);
  await expect(page.getByRole('heading', { name: 'vpc-playground', exact: true })).toBeVisible();
  const box = await app.canvas.boundingBox();
  expect(box!.width).toBeGreaterThan(400);
  expect(box!.height).toBeGreaterThan(300);
  // The backing store follows devicePixelRatio so lines stay crisp.
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  const width = await app.canvas.evaluate((c: HTMLCanvasElement) => c.width);
  expect(Math.abs(width - Math.round(box!.width * dpr))).toBeLessThanOrEqual(1);
  await app.screenshot('shell');
  app.expectNoConsoleErrors();
});

test('hi-DPI screens get a backing store twice the CSS size', async ({ browser }) => {
  const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 1280, height: 720 } });
  await page.goto('./');
  const canvas = page.getByTestId('topology-canvas');
  await expect(canvas).toBeVisible();
  const box = await canvas.boundingBox();
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBe(Math.round(box!.width * 2));
  await page.close();
});

test('on a narrow screen the panels stack, the page scrolls and the trace panel works', async ({ app, page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json');
  const canvas = (await app.canvas.boundingBox())!;
  expect(canvas.height).toBeGreaterThanOrEqual(300);
  const send = page.getByRole('button', { name: 'Send packet' });
  const sendBox = (await send.boundingBox())!;
  expect(sendBox.y).toBeGreaterThan(canvas.y + canvas.height);
  await app.sendPacket('i-a', 'i-b');
  await expect(app.status).toContainText('Delivered');
  // The event list below it is reached by scrolling the page.
  await app.eventRows.first().scrollIntoViewIfNeeded();
  await expect(app.eventRows.first()).toBeInViewport();
  await app.screenshot('shell-narrow');
  app.expectNoConsoleErrors();
});
