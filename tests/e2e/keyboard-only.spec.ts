// Keyboard only: with Tab, Shift+Tab, Enter, Space, arrows and typing (no mouse at all), a
// learner peers two VPCs, accepts, routes both sides and sends a packet that is delivered;
// switches "Acting as account" to accept a cross-account request; pans and zooms the diagram;
// moves between the diagram's resources (arrows, Tab) and hears their details, and opens one.
// Each step asserts where focus is, so a control the keyboard cannot reach fails here.
import { test, expect, repoScenario } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, what: string, { back = false, max = 60 } = {}) {
  const key = back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    if (i < max) await page.keyboard.press(key);
  }
  const at = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60)}"` : 'nothing';
  });
  throw new Error(`${what} not reached with ${max} × ${key}; focus is on ${at}`);
}

test('peer two VPCs, route both sides and trace with the keyboard alone', async ({ app, page }) => {
  await app.openWith('tests/fixtures/two-vpcs-unpeered.json');
  const tree = page.getByRole('navigation', { name: 'Resource list' });
  const editor = page.getByTestId('editor');
  const item = (id: string) => tree.locator(`[data-res-id="${id}"]`).first();

  // 1. Open VPC A's form from the resource list.
  await tabTo(page, item('vpc-a'), 'vpc-a in the resource list');
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('heading')).toContainText('vpc-a');
  await expect(item('vpc-a')).toBeFocused();

  // 2. Request a peering to B: the accepter select already offers vpc-b, the only other VPC.
  const accepter = editor.getByLabel('Accepter VPC');
  await tabTo(page, accepter, 'Accepter VPC');
  await expect(accepter).toHaveValue('vpc-b');
  await page.keyboard.press('Tab');
  await expect(editor.getByLabel('Peering id')).toBeFocused();
  await page.keyboard.type('pcx-ab');
  await page.keyboard.press('Tab');
  const request = editor.getByRole('button', { name: 'Request peering' });
  await expect(request).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Requested pcx-ab from vpc-a to vpc-b: pending-acceptance');
  await expect(request).toBeFocused();

  // 3. Accept it (same account, so no console switch): the request waits above the VPCs.
  const accept = tree.getByRole('button', { name: 'Accept pcx-ab' }).first();
  await tabTo(page, accept, 'Accept pcx-ab', { back: true });
  await page.keyboard.press('Space');
  await expect(page.getByRole('alert')).toContainText('pcx-ab accepted: it is active');
  await expect(tree.getByTestId('peering-list')).toContainText('active');
  // Focus stays in the resource list, on the peering that was just accepted.
  await expect(item('pcx-ab')).toBeFocused();

  // 4. A route to B in A's table, and back in B's table, both through pcx-ab.
  for (const [table, destination] of [['rtb-a', '10.1.0.0/16'], ['rtb-b', '10.0.0.0/16']]) {
    await tabTo(page, item(table), table, { back: true });
    await page.keyboard.press('Enter');
    await expect(editor.getByRole('heading')).toContainText(table);
    const dest = editor.getByLabel('New route destination');
    await tabTo(page, dest, `New route destination of ${table}`);
    await page.keyboard.type(destination);
    await page.keyboard.press('Tab');
    const target = editor.getByLabel('New route target');
    await expect(target).toBeFocused();
    await expect(target).toHaveValue('pcx-ab');
    await page.keyboard.press('Tab');
    const add = editor.getByRole('button', { name: 'Add route' });
    await expect(add).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(editor.getByTestId('route-row')).toHaveCount(1);
    await expect(editor.getByTestId('route-row').getByLabel('Destination')).toHaveValue(destination);
    await expect(add).toBeFocused();
  }

  // 5. The trace: From i-a (the arrow keys move through the sources), To i-b, Enter sends.
  const from = page.getByLabel('From');
  await tabTo(page, from, 'From');
  await expect(from).toHaveValue('i-a');
  await page.keyboard.press('ArrowDown');
  await expect(from).toHaveValue('i-b');
  await page.keyboard.press('ArrowUp');
  await expect(from).toHaveValue('i-a');
  await page.keyboard.press('Tab');
  const to = page.getByRole('combobox', { name: 'To' });
  await expect(to).toBeFocused();
  await page.keyboard.type('i-b');
  await page.keyboard.press('Enter');
  await expect(app.status).toContainText('Delivered');
  await expect(app.eventRows.last()).toContainText('i-a');
  await app.screenshot('keyboard-only-delivered');
  app.expectNoConsoleErrors();
});

test('Add resource: arrow keys browse the kinds, Enter adds the one shown, Tab away adds nothing', async ({ app, page }) => {
  await app.openWith('tests/fixtures/two-vpcs-unpeered.json');
  const ids = () => page.locator('.res-tree [data-res-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-res-id')));
  const before = await ids();
  const menu = page.getByRole('combobox', { name: 'Add resource' });
  await tabTo(page, menu, 'Add resource');
  // Passing VPC on the way to Subnet adds nothing.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu).toHaveValue('subnet');
  expect(await ids()).toEqual(before);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor').getByRole('heading')).toContainText('Subnet');
  await expect(menu).toBeFocused();
  await expect(menu).toHaveValue('');
  const added = await ids();
  expect(added.length).toBe(before.length + 1);
  // Browsing and leaving changes nothing.
  await page.keyboard.press('ArrowDown');
  await expect(menu).toHaveValue('vpc');
  await page.keyboard.press('Tab');
  await expect(menu).not.toBeFocused();
  await expect(menu).toHaveValue('');
  expect(await ids()).toEqual(added);
  app.expectNoConsoleErrors();
});

test('closing, renaming in or deleting from a form keeps focus where the learner was', async ({ app, page }) => {
  await app.openWith('tests/fixtures/two-vpcs-unpeered.json');
  const tree = page.getByRole('navigation', { name: 'Resource list' });
  const editor = page.getByTestId('editor');
  const item = (id: string) => tree.locator(`[data-res-id="${id}"]`).first();

  // × closes the form: focus goes back to the resource's line.
  await tabTo(page, item('i-b'), 'i-b in the resource list');
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('heading')).toContainText('i-b');
  const close = editor.getByRole('button', { name: 'Close the form' });
  await tabTo(page, close, 'Close the form');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(item('i-b')).toBeFocused();

  // A rename replaces the form: focus lands on the field Tab was going to.
  await page.keyboard.press('Enter');
  const id = editor.getByLabel('Id', { exact: true });
  await tabTo(page, id, 'Id');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('i-db');
  await page.keyboard.press('Tab');
  await expect(editor.getByRole('heading')).toContainText('i-db');
  await expect(editor.getByLabel('Name', { exact: true })).toBeFocused();

  // Delete removes the resource and its form: focus stays in the resource list.
  const del = editor.getByRole('button', { name: 'Delete i-db' });
  await tabTo(page, del, 'Delete i-db');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Deleted i-db');
  await expect(item('i-db')).toHaveCount(0);
  await expect(tree).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(item('vpc-a')).toBeFocused();
  app.expectNoConsoleErrors();
});

test('the diagram takes focus and pans (Shift+arrows) and zooms by keys; arrows there do not step the animation', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json', '?from=i-a&to=i-c');
  await expect(app.status).toContainText('TRANSITIVE_PEERING');
  await app.waitForEnd(); // a still picture to compare
  const step = await app.stepCount.textContent();
  const fitted = await app.canvasHash();

  await tabTo(page, app.canvas, 'the topology diagram', { max: 80 });
  await expect(app.canvas).toHaveAttribute('aria-label', /Shift and the arrow keys to pan/);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => app.canvasHash()).not.toBe(fitted);
  const panned = await app.canvasHash();
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => app.canvasHash()).not.toBe(panned);
  // The animation's own arrow keys did not fire: the step is where it was.
  await expect(app.stepCount).toHaveText(step!);
  await page.keyboard.press('0');
  await expect.poll(() => app.canvasHash()).toBe(fitted);
  await page.keyboard.press('+');
  await expect.poll(() => app.canvasHash()).not.toBe(fitted);
  await page.keyboard.press('0');
  await expect.poll(() => app.canvasHash()).toBe(fitted);
  await expect(app.canvas).toBeFocused();
  await app.screenshot('keyboard-canvas-focus');

  // Away from the diagram, the arrows step the animation again.
  await page.keyboard.press('Shift+Tab');
  await expect(app.canvas).not.toBeFocused();
  await page.keyboard.press('Home');
  const start = await app.stepCount.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(app.stepCount).not.toHaveText(start!);
  app.expectNoConsoleErrors();
});

test('a cross-account request is accepted after switching "Acting as account" by keys', async ({ app, page }) => {
  const doc = repoScenario('tests/fixtures/two-vpcs-unpeered.json');
  doc.vpcs[1].account = '222222222222';
  doc.peering_connections = [{ id: 'pcx-ab', requester: 'vpc-a', accepter: 'vpc-b', status: 'pending-acceptance' }];
  await app.openWith(doc);
  const tree = page.getByRole('navigation', { name: 'Resource list' });
  const accept = tree.getByRole('button', { name: 'Accept pcx-ab' }).first();

  // As the requester's account, Accept is refused with the reason.
  await tabTo(page, accept, 'Accept pcx-ab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Only account 222222222222');

  // The console switch is reached and changed with the keyboard, then Accept works.
  const actAs = page.getByLabel('Acting as account');
  await tabTo(page, actAs, 'Acting as account', { back: true });
  await expect(actAs).toHaveValue('111111111111');
  await page.keyboard.press('ArrowDown');
  await expect(actAs).toHaveValue('222222222222');
  await tabTo(page, accept, 'Accept pcx-ab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('pcx-ab accepted: it is active');
  await expect(tree.getByTestId('peering-list')).toContainText('vpc-a → vpc-b: active (cross-account)');
  app.expectNoConsoleErrors();
});

test('arrow keys move a focus ring between the diagram\'s resources; each is announced with the details its box leaves out', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json', '?from=i-a&to=i-c');
  await expect(app.status).toContainText('TRANSITIVE_PEERING');
  await app.waitForEnd();
  const step = await app.stepCount.textContent();
  const still = await app.canvasHash();
  const said = page.getByTestId('canvas-focus-text');
  await expect(said).toHaveAttribute('aria-live', 'polite');

  await tabTo(page, app.canvas, 'the topology diagram', { max: 80 });
  await expect(app.canvas).toHaveAttribute('aria-label', /Arrow keys move between its resources/);
  await expect(said).toHaveText('');
  // The first arrow lands on the first resource in reading order: VPC A, top left.
  await page.keyboard.press('ArrowRight');
  await expect(said).toHaveText('VPC vpc-a, 10.0.0.0/16; account 111111111111, Region us-east-1');
  // The ring (and the details card) are drawn: the picture changed.
  await expect.poll(() => app.canvasHash()).not.toBe(still);
  await app.screenshot('keyboard-canvas-resource-focus');
  // Down goes into the VPC: its subnet, with the route table its box does not show.
  await page.keyboard.press('ArrowDown');
  await expect(said).toContainText('Subnet subnet-a, 10.0.1.0/24');
  await expect(said).toContainText('route table rtb-a');
  await page.keyboard.press('ArrowDown');
  await expect(said).toContainText('Instance');
  await expect(said).toContainText('10.0.1.10');
  // Right moves across the picture, to the right of where it was.
  const before = await said.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(said).not.toHaveText(before!);
  // The arrows moved the focus, not the animation.
  await expect(app.stepCount).toHaveText(step!);
  // Enter selects the focused resource, as a click would.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const chosen = (await said.textContent())!;
  const id = chosen.split(', ')[0].split(' ').pop()!;
  await page.keyboard.press('Enter');
  await expect(app.canvas).toHaveAttribute('aria-label', new RegExp(`selected ${id}`));
  // Escape lets go of the resource; the canvas keeps the keyboard focus.
  await page.keyboard.press('Escape');
  await expect(said).toHaveText('');
  await expect(app.canvas).toBeFocused();
  // Leaving the diagram drops the ring too: Shift+Tab walks back through the resources to
  // the diagram itself, then out of it.
  await page.keyboard.press('ArrowLeft');
  await expect(said).not.toHaveText('');
  for (let i = 0; i < 40 && (await app.canvas.evaluate((c) => c === document.activeElement)); i++) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(app.canvas).not.toBeFocused();
  await expect(said).toHaveText('');
  app.expectNoConsoleErrors();
});

test('Tab walks the diagram\'s resources in reading order: a keyboard user reaches a subnet and opens it in the editor', async ({ app, page }) => {
  await app.openWith('crates/engine/scenarios/01-transitive-peering.json', '?from=i-a&to=i-c');
  await expect(app.status).toContainText('TRANSITIVE_PEERING');
  const said = page.getByTestId('canvas-focus-text');
  const editor = page.getByTestId('editor');
  await tabTo(page, app.canvas, 'the topology diagram', { max: 80 });
  await expect(app.canvas).toHaveAttribute('aria-label', /Tab and Shift\+Tab go through them in reading order/);
  // Tab goes into the picture: VPC A, then what is inside it, box before contents.
  await page.keyboard.press('Tab');
  await expect(app.canvas).toBeFocused();
  await expect(said).toHaveText(/^VPC vpc-a, /);
  await page.keyboard.press('Tab');
  await expect(said).toHaveText(/^Subnet subnet-a, 10\.0\.1\.0\/24/);
  await page.keyboard.press('Tab');
  await expect(said).toHaveText(/^Instance /);
  // On to the subnet of VPC B, announced with the route table its box leaves out.
  let steps = 0;
  while (!((await said.textContent()) ?? '').startsWith('Subnet subnet-b')) {
    expect(++steps, 'Tab reaches subnet-b').toBeLessThan(20);
    await page.keyboard.press('Tab');
  }
  await expect(said).toContainText('route table rtb-b');
  await app.screenshot('keyboard-canvas-tab-subnet');
  // Shift+Tab goes back one, Tab forward again.
  await page.keyboard.press('Shift+Tab');
  await expect(said).not.toContainText('subnet-b');
  await page.keyboard.press('Tab');
  await expect(said).toHaveText(/^Subnet subnet-b/);
  // Enter opens it in the editor, as a click would.
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('heading')).toContainText('subnet-b');
  await expect(app.canvas).toHaveAttribute('aria-label', /selected subnet-b/);
  await expect(app.canvas).toBeFocused();
  // Escape lets go; the next Tab leaves the diagram at once.
  await page.keyboard.press('Escape');
  await expect(said).toHaveText('');
  await page.keyboard.press('Tab');
  await expect(app.canvas).not.toBeFocused();
  // Back onto the diagram, Tab walks the resources again, and past the last one leaves it.
  await tabTo(page, app.canvas, 'the topology diagram', { back: true, max: 10 });
  let left = false;
  for (let i = 0; i < 40 && !left; i++) {
    await page.keyboard.press('Tab');
    left = !(await app.canvas.evaluate((c) => c === document.activeElement));
  }
  expect(left, 'Tab past the last resource leaves the diagram').toBe(true);
  await expect(said).toHaveText('');
  app.expectNoConsoleErrors();
});
