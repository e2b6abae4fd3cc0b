// Format 2's filters where a person sees them (issue 15): on the canvas a network ACL is a bar
// on its subnet's edge and a security group a ring around the instance, and a denied packet
// stops at that mark, not at the instance; the hop inspector shows the filter's rules with
// the one that decided highlighted (and announced), and on a reply an ACL denied, why the
// ephemeral port needs its own rule. Screenshots of the key states go to target/screenshots/filters/
// (desktop, phone, projector, dark) for people to look at.
//
// The canvas's marks are read from `data-filters`, which only test builds write
// (VPC_TEST_HOOKS=1 scripts/build-site.sh): `HOP:acl|sg:in|out:pass|deny:X,Y` a mark.
import { mkdirSync } from 'node:fs';
import { test, expect, Playground } from './fixtures';
import type { Page } from '@playwright/test';

const SHOTS = 'target/screenshots/filters';
mkdirSync(SHOTS, { recursive: true });

type Mark = { hop: number; kind: string; way: string; state: string; x: number; y: number };

async function marks(app: Playground): Promise<Mark[]> {
  const text = await app.canvas.getAttribute('data-filters');
  expect(text, 'the build has the test hooks (VPC_TEST_HOOKS=1)').not.toBeNull();
  return text!.split(' ').filter(Boolean).map((w) => {
    const [hop, kind, way, state, xy] = w.split(':');
    const [x, y] = xy.split(',').map(Number);
    return { hop: Number(hop), kind, way, state, x, y };
  });
}

/** The colour drawn at a point of the canvas (CSS px from its corner). */
async function pixel(app: Playground, x: number, y: number): Promise<number[]> {
  return app.canvas.evaluate((c: HTMLCanvasElement, [px, py]) => {
    const k = c.width / c.getBoundingClientRect().width;
    const d = c.getContext('2d')!.getImageData(Math.round(px * k), Math.round(py * k), 1, 1).data;
    return [d[0], d[1], d[2]];
  }, [x, y]);
}

/** The theme's `--canvas-bad` as r, g, b. */
async function badColour(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--canvas-bad').trim();
    document.body.appendChild(probe);
    const m = getComputedStyle(probe).color.match(/\d+/g)!.map(Number);
    probe.remove();
    return m.slice(0, 3);
  });
}

const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 40);

/** Opens a lesson, lets its trace play to the end, and returns the marks drawn. */
async function lessonEnd(app: Playground, file: string, extra = ''): Promise<Mark[]> {
  await app.open(`?scenario=scenarios/${file}${extra}`);
  await expect(app.status).toContainText('Dropped');
  await app.waitForEnd();
  return marks(app);
}

/** The deny mark is the trace's last stop, drawn in the drop's colour. */
async function expectStopsAtDeny(app: Playground, page: Page, all: Mark[], kind: string, way: string) {
  const denied = all.filter((m) => m.state === 'deny');
  expect(denied).toHaveLength(1);
  const d = denied[0];
  expect([d.kind, d.way]).toEqual([kind, way]);
  // The packet's trace ends at the mark: its hop is the last step.
  expect(await app.canvas.getAttribute('data-step')).toBe(String(d.hop));
  expect(all.every((m) => m.hop <= d.hop)).toBe(true);
  const box = (await app.canvas.boundingBox())!;
  expect(d.x).toBeGreaterThan(0);
  expect(d.y).toBeGreaterThan(0);
  expect(d.x).toBeLessThan(box.width);
  expect(d.y).toBeLessThan(box.height);
  expect(near(await pixel(app, d.x, d.y), await badColour(page)), 'a deny cross at the mark').toBe(true);
}

test.describe('desktop', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a reply denied by a NACL stops at the subnet edge, and the inspector says why', async ({ app, page }) => {
    const all = await lessonEnd(app, '23-nacl-ephemeral-ports.json');
    // Passed on the way out: the app's group, the private and public subnets' ACLs.
    expect(all.filter((m) => m.state === 'pass').map((m) => m.kind)).toEqual(['sg', 'acl', 'acl', 'acl']);
    await expectStopsAtDeny(app, page, all, 'acl', 'in');
    await app.canvas.screenshot({ path: `${SHOTS}/23-nacl-reply-desktop-canvas.png` });

    await app.eventRows.last().click();
    const inspector = page.getByRole('region', { name: 'Hop inspector' });
    const rules = inspector.getByTestId('filter-rules');
    await expect(rules).toBeVisible();
    await expect(rules.locator('caption')).toContainText('Network ACL acl-public: inbound rules in number order');
    await expect(rules.getByRole('columnheader')).toHaveText(['Rule', 'Traffic', 'Source', 'Action', 'Result']);
    // No rule matches the reply to port 1024: AWS's final `*` rule denies, and it is the
    // one row marked as deciding, for sight and for screen readers.
    const decided = rules.locator('tr[aria-current="true"]');
    await expect(decided).toHaveCount(1);
    await expect(decided).toHaveClass(/chosen/);
    await expect(decided.getByRole('cell')).toHaveText(['*', 'all', '0.0.0.0/0', 'deny', 'decides']);
    await expect(rules.locator('tbody tr')).toHaveCount(3);
    await expect(rules.locator('tbody tr').first()).toContainText('no match');

    const why = inspector.getByTestId('ephemeral-ports');
    await expect(why).toContainText('Its destination port, 1024, is the ephemeral port the requester chose');
    await expect(why).toContainText("The ACL's inbound rules need one allowing tcp 1024-65535 from 93.184.216.34");
    await expect(why.getByRole('link', { name: 'AWS: ephemeral ports and network ACLs' }))
      .toHaveAttribute('href', /nacl-ephemeral-ports/);
    await inspector.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/23-nacl-reply-desktop.png` });

    // A hop that passed an ACL: its allowing rule decided; no ephemeral note on the way out.
    await app.eventRows.filter({ hasText: 'acl-public' }).first().click();
    const allowed = rules.locator('tr[aria-current="true"]');
    await expect(allowed).toHaveCount(1);
    await expect(allowed.getByRole('cell').nth(3)).toHaveText('allow');
    await expect(allowed.getByRole('cell').nth(4)).toHaveText('decides');
    await expect(inspector.getByTestId('ephemeral-ports')).toHaveCount(0);
    app.expectNoConsoleErrors();
  });

  test('the default security group stops the packet on the ring around the instance', async ({ app, page }) => {
    const all = await lessonEnd(app, '22-default-security-group.json');
    await expectStopsAtDeny(app, page, all, 'sg', 'in');
    // The sender's group passed on the way out, drawn at the sender.
    expect(all[0]).toMatchObject({ kind: 'sg', way: 'out', state: 'pass' });
    await app.canvas.screenshot({ path: `${SHOTS}/22-default-sg-desktop-canvas.png` });

    // Before the deny, no deny mark: step back one and the drop's colour is gone from it.
    const d = all.find((m) => m.state === 'deny')!;
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(app.canvas).toHaveAttribute('data-step', String(d.hop - 1));
    expect(near(await pixel(app, d.x, d.y), await badColour(page))).toBe(false);

    await app.eventRows.last().click();
    const rules = page.getByRole('region', { name: 'Hop inspector' }).getByTestId('filter-rules');
    await expect(rules.getByRole('columnheader')).toHaveText(['Traffic', 'Source', 'Result']);
    await expect(rules.locator('caption')).toContainText('Security group vpc-shop:default-sg: inbound rules');
    const decided = rules.locator('tr[aria-current="true"]');
    await expect(decided).toHaveCount(1);
    await expect(decided.getByRole('cell')).toHaveText(['No rule allows the packet, so the groups deny it', 'decides']);
    await expect(page.getByTestId('ephemeral-ports')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/22-default-sg-desktop.png` });
    app.expectNoConsoleErrors();
  });

  test('the dark theme draws the marks in its own colours', async ({ app, page }) => {
    const all = await lessonEnd(app, '24-nacl-rule-order.json', '&theme=dark');
    await expectStopsAtDeny(app, page, all, 'acl', 'in');
    await page.screenshot({ path: `${SHOTS}/24-rule-order-dark.png` });
    app.expectNoConsoleErrors();
  });
});

test('on a phone: stateless reply denied on its way out, the rules table fits', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const all = await lessonEnd(app, '26-stateful-vs-stateless.json');
  await expectStopsAtDeny(app, page, all, 'acl', 'out');
  await app.canvas.scrollIntoViewIfNeeded();
  await app.canvas.screenshot({ path: `${SHOTS}/26-stateless-phone-canvas.png` });
  await app.eventRows.last().click();
  const inspector = page.getByRole('region', { name: 'Hop inspector' });
  await expect(inspector.getByTestId('ephemeral-ports'))
    .toContainText("The ACL's outbound rules need one allowing tcp 1024-65535 to 10.0.1.10");
  const rules = inspector.getByTestId('filter-rules');
  await expect(rules.getByRole('columnheader').nth(2)).toHaveText('Destination');
  await inspector.scrollIntoViewIfNeeded();
  // The table stays inside the inspector (it scrolls sideways if it must, never the page).
  const ib = (await inspector.boundingBox())!;
  expect(ib.x + ib.width).toBeLessThanOrEqual(390);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= 390);
  expect(fits, "the page does not scroll sideways").toBe(true);
  await inspector.screenshot({ path: `${SHOTS}/26-stateless-phone-inspector.png` });
  app.expectNoConsoleErrors();
});

test('in projector mode the marks and the text stay large', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const all = await lessonEnd(app, '25-endpoint-security-group.json', '&present=1');
  await expectStopsAtDeny(app, page, all, 'sg', 'in');
  const px = Number(await app.canvas.getAttribute('data-text-px'));
  expect(px).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: `${SHOTS}/25-endpoint-sg-projector.png` });
  app.expectNoConsoleErrors();
});
