// Every library scenario opens from the gallery and runs its lesson trace: the verdict line
// (role=status) appears. The gallery is a labelled modal dialog that Escape closes.
import { test, expect, repoScenario } from './fixtures';

test('every library scenario opens from the gallery and shows its verdict', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  const d = await app.openGallery();
  await app.screenshot('gallery');
  const buttons = d.getByRole('button', { name: /^Open / });
  const titles = (await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!)))
    .map((l) => l.replace(/^Open /, ''));
  expect(titles.length).toBeGreaterThanOrEqual(15);
  await page.keyboard.press('Escape');
  for (const title of titles) {
    await app.openScenario(title);
    await expect(app.status, title).toContainText(/Delivered|Dropped|delivered|dropped/);
    await expect(app.lesson, title).toBeVisible();
  }
  app.expectNoConsoleErrors();
});

test('the gallery dialog takes focus, closes on Escape and gives focus back', async ({ app, page }) => {
  await app.open();
  const opener = page.getByRole('button', { name: 'Scenarios', exact: true });
  await opener.focus();
  await page.keyboard.press('Enter');
  const d = app.dialog('Scenario library');
  await expect(d).toBeVisible();
  await expect(d).toHaveAttribute('aria-modal', 'true');
  await expect(d.getByRole('button', { name: 'Open Transitive peering' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
  await expect(opener).toBeFocused();
});

test('opening a scenario is one undoable edit', async ({ app, page }) => {
  await app.open();
  const before = (await app.lesson.textContent())!;
  await app.openScenario('The full-mesh fix');
  await expect(app.lesson).not.toHaveText(before);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(app.lesson).toHaveText(before);
});

test('a lesson is fetched when opened; one that cannot be fetched says why at its button and keeps the work', async ({ app, page }) => {
  await app.open();
  const before = (await app.lesson.textContent())!;
  // Only the welcome lesson is compiled in: the others come from the site's scenarios/.
  const file = /\/scenarios\/02-full-mesh\.json$/;
  await page.route(file, (route) => route.abort('internetdisconnected'));
  const d = await app.openGallery();
  const open = d.getByRole('button', { name: 'Open The full-mesh fix', exact: true });
  await open.click();
  const alert = d.getByTestId('gallery-full-mesh').getByRole('alert');
  await expect(alert).toContainText('This lesson could not be opened: the file could not be fetched');
  await expect(open).toHaveAccessibleDescription(/could not be opened/);
  await expect(open).toHaveText('Open');
  await app.screenshot('gallery-fetch-failed');
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
  await expect(app.lesson).toHaveText(before);
  // Back online, the same button opens it.
  await page.unroute(file);
  await app.openScenario('The full-mesh fix');
  await expect(app.lesson).not.toHaveText(before);
  await expect(app.status).toContainText(/delivered/i);
});

test('the last Open pressed wins over a lesson still arriving, and Escape while one arrives opens nothing', async ({ app, page }) => {
  await app.open();
  const before = (await app.lesson.textContent())!;
  // Hold two lessons' files until the test lets each go.
  const hold = async (file: RegExp) => {
    let release = () => {};
    const held = new Promise<void>((r) => { release = r; });
    await page.route(file, async (route) => { await held; await route.continue(); });
    return release;
  };
  const meshFile = /\/scenarios\/02-full-mesh\.json$/;
  const expiredFile = /\/scenarios\/05-expired-peering\.json$/;
  const releaseMesh = await hold(meshFile);
  const releaseExpired = await hold(expiredFile);
  let d = await app.openGallery();
  const mesh = () => d.getByRole('button', { name: 'Open The full-mesh fix', exact: true });
  const expired = () => d.getByRole('button', { name: 'Open Expired peering request', exact: true });
  await mesh().click();
  await expect(mesh()).toHaveText('Opening…');
  await expect(mesh()).toHaveAttribute('aria-busy', 'true');
  await app.screenshot('gallery-opening');
  // Escape: the gallery closes, and the lesson arriving later is not opened.
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
  d = await app.openGallery();
  await mesh().click();
  // Changed their mind: another lesson.
  await expired().click();
  await expect(expired()).toHaveText('Opening…');
  await expect(mesh()).toHaveText('Open');
  // The first one arrives first (both of its fetches): it is not opened.
  const meshDone = page.waitForResponse(meshFile);
  releaseMesh();
  await meshDone;
  await page.waitForTimeout(300);
  await expect(d).toBeVisible();
  await expect(app.lesson).toHaveText(before);
  // The chosen one arrives: it opens, as one undoable edit.
  releaseExpired();
  await expect(d).toBeHidden();
  await expect(app.lesson).not.toHaveText(before);
  await expect(app.lesson).toContainText(repoScenario('crates/engine/scenarios/05-expired-peering.json').lesson.question);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(app.lesson).toHaveText(before);
});
