// The loading screen (index.html's and embed.html's #boot, public/boot.js): what a learner on
// a slow connection sees while the wasm downloads, the app that replaces it, and a message
// when the wasm cannot start.
import { test, expect, Playground } from './fixtures';
import { Page, Route } from '@playwright/test';

/** Holds the page's wasm download until the returned function is called. */
async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route: Route) => {
    await released;
    await route.continue();
  });
  return release;
}

for (const { name, path, what } of [
  { name: 'the app', path: './', what: 'playground' },
  { name: 'the viewer', path: './embed.html', what: 'lesson' },
]) {
  test(`${name}: the loading screen shows at once, then the lesson replaces it`, async ({ page }) => {
    const app = new Playground(page);
    const release = await holdWasm(page);
    await page.goto(path, { waitUntil: 'commit' });
    const loading = page.getByRole('progressbar', { name: `Loading the ${what}` });
    await expect(loading).toBeVisible();
    await expect(page.getByText(`Loading the ${what}…`)).toBeVisible();
    if (what === 'playground') {
      // The header's bar, as the app has it, so nothing jumps when the app comes.
      await expect(page.locator('#boot .header')).toContainText('vpc-playground');
      await app.screenshot('loading-screen');
    }
    // The hint for a slow connection waits a few seconds: a fast load never shows it.
    await expect(page.getByText(/on a slow connection/)).toBeHidden();
    release();
    await expect(app.canvas).toBeVisible();
    await expect(app.status).toContainText(/Delivered|Dropped/);
    await expect(loading).toHaveCount(0);
    await expect(page.locator('#boot')).toHaveCount(0);
    app.expectNoConsoleErrors();
  });

  test(`${name}: a wasm that cannot be downloaded leaves a message on the loading screen`, async ({ page }) => {
    const app = new Playground(page);
    await page.route(/_bg\.wasm$/, (route) => route.abort('connectionfailed'));
    await page.goto(`${path}?scenario=scenarios/03-overlapping-cidrs.json`, { waitUntil: 'commit' });
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(`The ${what} could not start. Reload the page to try again.`);
    // The bar is gone (it would never fill); the browser's own reason is below the message.
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.locator('.boot-detail')).toContainText(/fetch|network/i);
    if (what === 'playground') await app.screenshot('loading-failed');
    // Once the network is back, Reload starts it at the same address: the same lesson.
    await page.unroute(/_bg\.wasm$/);
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByText(/orders \(10\.0\.0\.0\/16\) and billing/)).toBeVisible();
    await expect(app.status).toContainText(/Delivered|Dropped/);
  });
}
