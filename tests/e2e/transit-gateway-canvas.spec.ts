// Transit gateways where a person sees them (issue 16): on the canvas a transit gateway is a
// hub with its attachments as spokes, and a packet across it enters the hub by its
// attachment's spoke, stops at the hub for the route table lookup and leaves by the other
// attachment's spoke; the hop inspector shows the transit gateway route table's matching
// routes, the winner and the rule that picked it, where a propagated route came from, and on
// a drop why the route is missing. Screenshots of a ten-VPC hub at Fit (desktop, docs
// embed, phone) go to target/screenshots/transit-gateway/ for people to look at.
//
// The packet's stops and the hubs are read from `data-route`, which only test builds write
// (VPC_TEST_HOOKS=1 scripts/build-site.sh): `N:x,y` per hop, `|`, then `ID:x,y,w,h` per hub.
import { mkdirSync } from 'node:fs';
import { test, expect, Playground } from './fixtures';
import type { Page } from '@playwright/test';

const SHOTS = 'target/screenshots/transit-gateway';
mkdirSync(SHOTS, { recursive: true });

const TEN = 'crates/engine/tests/examples/tgw-ten-vpcs.json';

type Pt = { x: number; y: number };
type Box = { x: number; y: number; w: number; h: number };

async function route(app: Playground): Promise<{ stops: Pt[]; hubs: Map<string, Box> }> {
  const text = await app.canvas.getAttribute('data-route');
  expect(text, 'the build has the test hooks (VPC_TEST_HOOKS=1)').not.toBeNull();
  const [stopText, hubText] = text!.split('|');
  const stops = stopText.split(' ').filter(Boolean).map((w) => {
    const [x, y] = w.split(':')[1].split(',').map(Number);
    return { x, y };
  });
  const hubs = new Map<string, Box>();
  for (const w of hubText.split(' ').filter(Boolean)) {
    const i = w.lastIndexOf(':');
    const [x, y, bw, bh] = w.slice(i + 1).split(',').map(Number);
    hubs.set(w.slice(0, i), { x, y, w: bw, h: bh });
  }
  return { stops, hubs };
}

const inside = (p: Pt, b: Box, slack = 1) =>
  p.x >= b.x - slack && p.x <= b.x + b.w + slack && p.y >= b.y - slack && p.y <= b.y + b.h + slack;

/** The 1-based hop number of the first event row naming `id`. */
async function hopOf(app: Playground, id: string): Promise<number> {
  const rows = await app.eventRows.allTextContents();
  const i = rows.findIndex((r) => r.includes(id));
  expect(i, `an event row names ${id}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

/** The packet enters hub `hub` by a spoke, stops inside it at hop `n`, and leaves by a spoke. */
async function expectThroughHub(app: Playground, n: number, hub: string) {
  const { stops, hubs } = await route(app);
  const b = hubs.get(hub)!;
  expect(b, `hub ${hub} is drawn`).toBeTruthy();
  const [before, at, after] = [stops[n - 2], stops[n - 1], stops[n]];
  expect(inside(at, b), `the route table stop ${JSON.stringify(at)} is on the hub ${JSON.stringify(b)}`).toBe(true);
  // The attachments' stops are on their spokes, off the hub.
  for (const p of [before, after]) {
    expect(inside(p, b), `attachment stop ${JSON.stringify(p)} is on a spoke, not the hub`).toBe(false);
  }
  // And two different spokes.
  expect(Math.abs(before.x - after.x) + Math.abs(before.y - after.y)).toBeGreaterThan(4);
}

function inspector(page: Page) {
  return page.getByTestId('hop-inspector');
}

test.describe('desktop', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a packet across the hub: in by a spoke, the route table at the hub, out by another; the inspector names the route\'s attachment', async ({ app, page }) => {
    await app.open('?scenario=scenarios/28-transit-gateway-hub.json');
    await expect(app.status).toContainText('Delivered');
    const n = await hopOf(app, 'tgw-rtb-main');
    await app.open(`?scenario=scenarios/28-transit-gateway-hub.json&step=${n}`);
    await expect(app.canvas).toHaveAttribute('data-step', String(n));
    await expectThroughHub(app, n, 'tgw-hub');
    const ins = inspector(page);
    await expect(ins.getByRole('heading')).toContainText('tgw-rtb-main');
    const rows = ins.getByTestId('routes').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-chosen', 'true');
    await expect(rows.first()).toContainText('10.2.0.0/16 → tgw-attach-c');
    await expect(rows.first().getByTestId('route-from')).toHaveText('propagated by tgw-attach-c from vpc-c');
    await expect(ins.getByTestId('tgw-decision')).toContainText('only route that matches');
    await page.screenshot({ path: `${SHOTS}/hub-lesson-route-table-1366.png` });
    app.expectNoConsoleErrors();
  });

  test('a static blackhole beats the propagated route: both shown, the winner and the rule, the loser\'s attachment', async ({ app, page }) => {
    await app.open('?scenario=scenarios/33-tgw-blackhole.json&step=99');
    await expect(app.status).toContainText('BLACKHOLE_ROUTE');
    const ins = inspector(page);
    await expect(ins.getByRole('heading')).toContainText('tgw-rtb-main');
    const rows = ins.getByTestId('routes').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    const chosen = ins.locator('tbody tr[data-chosen="true"]');
    await expect(chosen).toContainText('10.66.0.0/16 → blackhole');
    await expect(chosen.getByTestId('route-from')).toHaveText('static');
    const lost = ins.locator('tbody tr[data-chosen="false"]');
    await expect(lost.getByTestId('route-from')).toHaveText('propagated by tgw-attach-legacy from vpc-legacy');
    await expect(ins.getByTestId('tgw-decision')).toContainText('a static route beats a propagated one');
    // The table fits the panel: the result column is not cut off.
    const overflow = await ins.evaluate((el) => {
      const t = el.querySelector('table.routes')!.getBoundingClientRect();
      return t.right - el.getBoundingClientRect().right;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/blackhole-inspector-1366.png` });
    app.expectNoConsoleErrors();
  });

  test('no route in a segmented table: the inspector says which attachment does not propagate there', async ({ app, page }) => {
    await app.open('?scenario=scenarios/29-tgw-segmentation.json&step=99');
    await expect(app.status).toContainText('NO_ROUTE');
    const ins = inspector(page);
    await expect(ins.getByRole('heading')).toContainText('tgw-rtb-dev');
    await expect(ins.getByTestId('tgw-decision')).toContainText('no route in this table matches');
    await expect(ins.getByTestId('tgw-missing')).toContainText('tgw-attach-prod');
    await expect(ins.getByTestId('tgw-missing')).toContainText('does not propagate into this table');
    await page.screenshot({ path: `${SHOTS}/segmentation-inspector-1366.png` });
    app.expectNoConsoleErrors();
  });

  test('ten VPCs on one hub at Fit: readable, and the packet crosses the hub', async ({ app, page }) => {
    await app.openWith(TEN, '?from=i-01&to=i-07');
    await expect(app.status).toContainText('Delivered');
    const n = await hopOf(app, 'tgw-rtb-hub');
    await page.getByRole('button', { name: 'Restart' }).click();
    for (let i = 1; i < n; i++) await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(app.canvas).toHaveAttribute('data-step', String(n));
    await expectThroughHub(app, n, 'tgw-hub');
    const px = Number(await app.canvas.getAttribute('data-text-px'));
    console.log(`ten-VPC hub at 1366x768: smallest text ${px} px`);
    expect(px).toBeGreaterThanOrEqual(10.5);
    await page.screenshot({ path: `${SHOTS}/ten-vpcs-1366x768.png` });
    await app.canvas.screenshot({ path: `${SHOTS}/ten-vpcs-1366x768-canvas.png` });
    app.expectNoConsoleErrors();
  });
});

test.describe('docs embed', () => {
  test.use({ viewport: { width: 700, height: 450 } });

  test('ten VPCs on one hub in a 700x450 embed', async ({ app, page }) => {
    await app.openWith(TEN, '?from=i-01&to=i-07&embed=1&step=99');
    await expect(app.status).toContainText('Delivered');
    const px = Number(await app.canvas.getAttribute('data-text-px'));
    console.log(`ten-VPC hub in a 700x450 embed: smallest text ${px} px`);
    expect(px).toBeGreaterThan(6);
    await page.screenshot({ path: `${SHOTS}/ten-vpcs-embed-700x450.png` });
    app.expectNoConsoleErrors();
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('ten VPCs on one hub on a 390-wide phone', async ({ app, page }) => {
    await app.openWith(TEN, '?from=i-01&to=i-07&step=99');
    await expect(app.status).toContainText('Delivered');
    const px = Number(await app.canvas.getAttribute('data-text-px'));
    console.log(`ten-VPC hub on a 390x844 phone: smallest text ${px} px`);
    expect(px).toBeGreaterThan(6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/ten-vpcs-phone-390.png` });
    await app.canvas.screenshot({ path: `${SHOTS}/ten-vpcs-phone-390-canvas.png` });
    app.expectNoConsoleErrors();
  });
});
