// The viewer (embed.html): the lean build of the page that embedding iframes load. It shows
// what embed mode shows, reads the same URL options, and downloads only its own wasm.
import { test, expect, Playground } from './fixtures';
import { Page } from '@playwright/test';
import { deflateRawSync } from 'zlib';

const VERDICT = /^(Delivered — DELIVERED|Dropped — [A-Z_]+): /;

/** The wasm and worker scripts a page requests, by file name. */
function codeRequests(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop()!;
    if (/\.wasm$|^vpc-worker/.test(name)) names.push(name);
  });
  return names;
}

test('the Embed dialog\'s snippet opens the viewer: canvas, verdict with its code, steps and trace details, its wasm only', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const code = await app.dialog('Embed in your docs').getByRole('textbox', { name: 'Embed code' }).inputValue();
  const src = code.match(/src="([^"]+)"/)![1].replaceAll('&amp;', '&');
  expect(src).toMatch(/\/vpc-playground\/embed\.html#s=[A-Za-z0-9_-]+&.*embed=1/);
  const viewer = await page.context().newPage();
  const v = new Playground(viewer);
  const wasm = codeRequests(viewer);
  await viewer.setViewportSize({ width: 640, height: 400 });
  await viewer.goto(src);
  await expect(v.canvas).toBeVisible();
  await expect(v.status).toHaveText(/^Dropped — TRANSITIVE_PEERING: /);
  await expect(v.lesson).toContainText('Can A reach C');
  // Embed mode: no header, no editor; the trace waits at its start until played.
  await expect(viewer.getByRole('button', { name: 'Scenarios' })).toHaveCount(0);
  await expect(viewer.getByRole('complementary', { name: 'Resources' })).toHaveCount(0);
  await expect(viewer.getByRole('contentinfo')).toHaveCount(0);
  // The snippet carries the step the app showed; Play runs the trace on to its end.
  await viewer.getByRole('button', { name: 'Play' }).click();
  await v.waitForEnd();
  await viewer.getByRole('button', { name: 'Steps' }).click();
  await expect(v.eventRows.first()).toBeVisible();
  await v.eventRows.first().click();
  await expect(viewer.getByTestId('hop-inspector')).toBeVisible();
  // The address keeps the link (an embedded page keeps its address, U6).
  expect(viewer.url()).toContain('#s=');
  expect(wasm.length).toBeGreaterThan(0);
  expect(wasm.every((n) => /^vpc-viewer-[0-9a-f]+_bg\.wasm$/.test(n)), wasm.join(', ')).toBe(true);
  v.expectNoConsoleErrors();
  await viewer.close();
});

test('a share link opens in the viewer with its trace, step and packet', async ({ app, page }) => {
  await app.open();
  await app.openScenario('The full-mesh fix');
  await app.sendPacket('i-a', 'i-c');
  await app.waitForEnd();
  const link = await app.shareLink();
  const viewer = await page.context().newPage();
  const v = new Playground(viewer);
  await viewer.goto(link.replace('/vpc-playground/#', '/vpc-playground/embed.html#'));
  await expect(v.lesson).toContainText('A third peering connection, A-C, now exists');
  await expect(v.status).toHaveText(/^Delivered — DELIVERED: /);
  await expect(v.stepCount).toHaveText(/step (\d+) \/ \1$/);
  v.expectNoConsoleErrors();
  await viewer.close();
});

for (const [name, fragment, why] of [
  ['a corrupt link', 's=this-is-not-deflate_data', 'This share link was not opened'],
  ['a decompression bomb', 's=' + deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20)).toString('base64url'), 'This share link was not opened'],
  ['a link of several megabytes', `s=${'A'.repeat(1_900_000)}&from=i-a&to=i-b`, 'this link is too long'],
] as const) {
  test(`the viewer refuses ${name} with a message and keeps running`, async ({ app, page }) => {
    await page.goto(`./embed.html#${fragment}`);
    await expect(app.canvas).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(why);
    // Still alive: the message can be dismissed, the page answers.
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    app.expectNoConsoleErrors();
  });
}

test('a trainer\'s page embeds a lesson in the viewer by a relative ?scenario= address', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('/docs/viewer-host.html');
  const frame = page.frameLocator('iframe[title="vpc-playground viewer: Transitive peering"]');
  await expect(frame.getByTestId('topology-canvas')).toBeVisible();
  await expect(frame.getByRole('region', { name: 'Lesson' })).toContainText('Can A reach C');
  await expect(frame.getByRole('status')).toHaveText(/^Dropped — TRANSITIVE_PEERING: /);
  await page.screenshot({ path: 'target/screenshots/viewer-host.png' });
  expect(errors).toEqual([]);
});

test('the viewer reads the URL options: from/to/step, proto/port, theme, controls, keyboard', async ({ app, page }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await app.open('embed.html?scenario=scenarios/01-transitive-peering.json&from=i-a&to=i-b&step=1&theme=dark&controls=1&proto=udp&port=53');
  await expect(app.status).toHaveText(/^Delivered — DELIVERED: /);
  await expect(app.stepCount).toHaveText(/step 1 \/ \d+$/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The keyboard steps the animation.
  await page.keyboard.press('ArrowRight');
  await expect(app.stepCount).toHaveText(/step 2 \/ \d+$/);
  // &controls=1: the From/To form and the packet, without the full app's matrix.
  await expect(page.getByTestId('trace-proto')).toHaveValue('udp');
  await expect(page.getByTestId('trace-port')).toHaveValue('53');
  await expect(page.getByRole('button', { name: 'Reachability matrix' })).toHaveCount(0);
  await page.getByLabel('From').selectOption('i-a');
  await page.getByTestId('trace-to').fill('i-c');
  await page.getByRole('button', { name: 'Send packet' }).click();
  await expect(app.status).toHaveText(/^Dropped — TRANSITIVE_PEERING: /);
  // A scenario file that does not exist: a message, nothing else breaks.
  await app.open('embed.html?scenario=scenarios/missing.json');
  await expect(page.getByRole('alert')).toContainText('The scenario at "scenarios/missing.json" was not opened');
  // The 404 of the missing file is the one console error.
  expect(app.consoleErrors.filter((e) => !/404|Not Found/.test(e))).toEqual([]);
});

test('a panic in the viewer shows the safety net', async ({ page }) => {
  await page.goto('./embed.html?debug-panic=1&scenario=scenarios/01-transitive-peering.json');
  const net = page.getByRole('alertdialog', { name: 'vpc-playground stopped because of an internal error' });
  await expect(net).toBeVisible();
  // The viewer saves nothing, so it promises nothing saved.
  await expect(net).toContainText('Reload the page to start the lesson again.');
  await expect(net).not.toContainText('saved');
});

for (const [width, height] of [[640, 400], [560, 360]]) {
  test(`the viewer at ${width}×${height}: verdict, steps and diagram in the frame, no scrolling`, async ({ app, page }) => {
    await page.setViewportSize({ width, height });
    await app.open('embed.html?scenario=scenarios/01-transitive-peering.json&step=99');
    await expect(app.status).toHaveText(VERDICT);
    await expect(app.status).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('toolbar', { name: 'Animation' })).toBeInViewport({ ratio: 1 });
    await expect(app.canvas).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1)).toBe(true);
    await app.screenshot(`viewer-${width}x${height}`);
    await page.getByRole('button', { name: 'Steps' }).click();
    await expect(app.eventRows.first()).toBeVisible();
    // With the steps beside the diagram, the verdict, the toggle and every step control
    // stay within the diagram's column (they once ran under the steps panel: "Hide s" and
    // a lone "✗" showed).
    const stage = (await page.getByRole('region', { name: 'Topology' }).boundingBox())!;
    const controls = page.getByRole('toolbar', { name: 'Animation' }).getByRole('button');
    for (const el of [app.status, page.getByRole('button', { name: 'Hide steps' }), ...(await controls.all())]) {
      const box = (await el.boundingBox())!;
      expect(box.x + box.width, `${await el.textContent()}: right edge within the diagram's column`).toBeLessThanOrEqual(stage.x + stage.width + 0.5);
      expect(box.width, `${await el.textContent()}: not squeezed`).toBeGreaterThan(24);
    }
    await app.screenshot(`viewer-${width}x${height}-steps`);
    app.expectNoConsoleErrors();
  });
}
