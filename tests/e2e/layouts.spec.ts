// Where learners meet the playground beyond a desktop: embedded in a docs column, on a phone,
// in dark docs and on a classroom projector. Each check is what a reader sees at that size.
import { test, expect, Playground, repoScenario } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readdirSync } from 'fs';
import { resolve } from 'path';

const LESSONS = readdirSync(resolve(__dirname, '..', '..', 'crates', 'engine', 'scenarios'))
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The verdict line the URL contract promises: verdict, reason code, summary. */
const VERDICT = /^(Delivered|Dropped) — [A-Z_]+: ./;

/**
 * Whether the verdict's reason code is drawn whole: its text ends inside the verdict line,
 * short of where an ellipsis would cut it.
 */
async function reasonCodeShows(app: Playground): Promise<boolean> {
  return app.status.evaluate((p) => {
    const code = (p.textContent ?? '').match(/ — ([A-Z_]+)/)?.[1];
    if (!code) return false;
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const i = (n.textContent ?? '').indexOf(code);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + code.length);
      const box = r.getBoundingClientRect();
      const line = p.getBoundingClientRect();
      const right = line.right - parseFloat(getComputedStyle(p).paddingRight);
      return box.width > 0 && box.right <= right - 12;
    }
    return false;
  });
}

/** How much of the viewport the canvas covers (0..1). */
async function canvasShare(app: Playground, page: Page): Promise<number> {
  const box = (await app.canvas.boundingBox())!;
  const vp = page.viewportSize()!;
  return (box.width * box.height) / (vp.width * vp.height);
}

/**
 * Whether the diagram at Fit leaves a margin of background on every side: the outermost
 * `ring` pixels of the canvas are all the colour of its corner. A diagram cut at an edge
 * draws there.
 */
async function edgesAreBlank(app: Playground, ring = 3): Promise<boolean> {
  return app.canvas.evaluate((c: HTMLCanvasElement, r: number) => {
    const g = c.getContext('2d')!;
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const at = (x: number, y: number) => (y * c.width + x) * 4;
    const bg = [d[0], d[1], d[2]];
    const same = (i: number) => Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) < 24;
    for (let x = 0; x < c.width; x++) {
      for (let k = 0; k < r; k++) {
        if (!same(at(x, k)) || !same(at(x, c.height - 1 - k))) return false;
      }
    }
    for (let y = 0; y < c.height; y++) {
      for (let k = 0; k < r; k++) {
        if (!same(at(k, y)) || !same(at(c.width - 1 - k, y))) return false;
      }
    }
    return true;
  }, ring);
}

/**
 * The smallest text on the diagram in CSS px as drawn now (the canvas's `data-text-px`), once
 * it has settled after Fit: two reads 150 ms apart agree.
 */
async function diagramTextPx(app: Playground, page: Page): Promise<number> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = (await app.canvas.getAttribute('data-text-px')) ?? '';
    if (now !== '' && now === last) return Number(now);
    last = now;
    await page.waitForTimeout(150);
  }
  throw new Error(`data-text-px did not settle (last ${last})`);
}

async function seriousViolations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test.describe('embedded in a docs column', () => {
  for (const [width, height] of [[560, 360], [640, 400], [800, 500]]) {
    test(`every library lesson reads at ${width}×${height}`, async ({ app, page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height });
      for (const lesson of LESSONS) {
        await app.open(`?scenario=scenarios/${lesson}&embed=1`);
        await expect(app.status, lesson).toHaveText(VERDICT);
        await expect(app.status, lesson).toBeInViewport({ ratio: 1 });
        // One line: no taller than a line of its text plus its padding.
        const h = (await app.status.boundingBox())!.height;
        expect(h, `${lesson}: verdict height`).toBeLessThan(34);
        expect(await reasonCodeShows(app), `${lesson}: the reason code is not cut`).toBe(true);
        await expect(page.getByRole('toolbar', { name: 'Animation' }), lesson).toBeInViewport({ ratio: 1 });
        await expect(app.canvas, lesson).toBeInViewport({ ratio: 1 });
        expect(await canvasShare(app, page), `${lesson}: share of the frame`).toBeGreaterThan(0.6);
        // The frame never scrolls, and the From/To form waits for &controls=1.
        expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1), lesson).toBe(true);
        await expect(page.getByLabel('From')).toHaveCount(0);
        await expect(page.getByRole('region', { name: 'Lesson' }), lesson).toBeInViewport({ ratio: 1 });
        // The diagram's smallest text at Fit reaches the docs-column floor (the native
        // geometry test's, measured here on the real page).
        expect(await diagramTextPx(app, page), `${lesson}: smallest text at Fit`).toBeGreaterThanOrEqual(10);
      }
      app.expectNoConsoleErrors();
    });
  }

  test('at 640×400 the verdict and the whole diagram show, and Steps opens the events', async ({ app, page }) => {
    await page.setViewportSize({ width: 640, height: 400 });
    await app.open('?scenario=scenarios/01-transitive-peering.json&embed=1');
    await expect(app.status).toHaveText(/^Dropped — TRANSITIVE_PEERING: /);
    await expect.poll(() => edgesAreBlank(app)).toBe(true);
    // The lesson is one line until unfolded; the answer unfolds it.
    const lesson = page.getByRole('region', { name: 'Lesson' });
    const folded = (await lesson.boundingBox())!.height;
    await lesson.getByRole('button', { name: 'Whole lesson' }).click();
    await expect(lesson.getByRole('button', { name: 'Fold lesson' })).toHaveAttribute('aria-expanded', 'true');
    await lesson.getByRole('button', { name: 'Show answer' }).click();
    await expect(lesson).toContainText(repoScenario('crates/engine/scenarios/01-transitive-peering.json').lesson.answer);
    expect((await lesson.boundingBox())!.height).toBeGreaterThan(folded);
    await lesson.getByRole('button', { name: 'Fold lesson' }).click();
    expect((await lesson.boundingBox())!.height).toBe(folded);
    // The trace details open beside the diagram, which still shows.
    const steps = page.getByRole('button', { name: 'Steps' });
    await expect(steps).toHaveAttribute('aria-expanded', 'false');
    await expect(app.eventRows.first()).toBeHidden();
    await steps.click();
    await expect(page.getByRole('button', { name: 'Hide steps' })).toHaveAttribute('aria-expanded', 'true');
    await expect(app.eventRows.first()).toBeVisible();
    await expect(app.canvas).toBeInViewport({ ratio: 1 });
    await app.screenshot('embed-640x400-steps');
    app.expectNoConsoleErrors();
  });

  test('&controls=1 gives the reader the From/To form', async ({ app, page }) => {
    await page.setViewportSize({ width: 800, height: 500 });
    await app.open('?scenario=scenarios/01-transitive-peering.json&embed=1&controls=1');
    await expect(app.status).toHaveText(VERDICT);
    await app.sendPacket('i-a', 'i-b');
    await expect(app.status).toHaveText(/^Delivered — DELIVERED: /);
    app.expectNoConsoleErrors();
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 420, height: 860 }, hasTouch: true, isMobile: true });

  test('lesson, diagram, verdict and step controls come first; resources wait behind a button', async ({ app, page }) => {
    await app.open('?scenario=scenarios/18-dx-preferred-over-vpn.json');
    await expect(app.status).toHaveText(VERDICT);
    const top = async (l: ReturnType<Page['getByRole']>) => (await l.boundingBox())!.y;
    const lesson = page.getByRole('region', { name: 'Lesson' });
    const transport = page.getByRole('toolbar', { name: 'Animation' });
    expect(await top(lesson)).toBeLessThan(await top(app.canvas));
    expect(await top(app.canvas)).toBeLessThan(await top(app.status));
    expect(await top(app.status)).toBeLessThan(await top(transport));
    // All four in the first screen.
    await expect(transport).toBeInViewport({ ratio: 1 });
    // The diagram is fitted to the width: nothing runs off the right edge.
    const box = (await app.canvas.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(420);
    expect(box.width).toBeGreaterThan(380);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    // Resources, editor and findings open from a named button.
    const drawer = page.getByRole('button', { name: 'Resources, editor and findings' });
    await expect(drawer).toHaveAttribute('aria-expanded', 'false');
    const list = page.getByRole('navigation', { name: 'Resource list' });
    await expect(list).toBeHidden();
    await drawer.click();
    await expect(page.getByRole('button', { name: 'Hide resources, editor and findings' })).toHaveAttribute('aria-expanded', 'true');
    await expect(list).toBeVisible();
    // The header's controls wait behind Menu.
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(page.getByRole('button', { name: 'Scenarios', exact: true })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: 'Scenarios', exact: true })).toBeVisible();
    app.expectNoConsoleErrors();
  });
});

test.describe('text at Fit on the desktop and the phone', () => {
  for (const [name, width, height, floor] of [['desktop', 1366, 768, 12], ['phone', 420, 800, 10]] as const) {
    test(`every lesson's diagram text is at least ${floor} px at ${width}×${height}`, async ({ app, page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height });
      const sizes: string[] = [];
      for (const lesson of LESSONS) {
        await app.open(`?scenario=scenarios/${lesson}`);
        await expect(app.status, lesson).toHaveText(VERDICT);
        const px = await diagramTextPx(app, page);
        sizes.push(`${lesson} ${px}`);
        expect(px, `${lesson}: smallest text at Fit`).toBeGreaterThanOrEqual(floor);
      }
      console.log(`${name}: ${sizes.join(', ')}`);
      app.expectNoConsoleErrors();
    });
  }
});

test.describe('dark theme', () => {
  const background = (page: Page) =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  /** Perceived lightness of an `rgb(r, g, b)` colour, 0..255. */
  const lightness = (rgb: string) => {
    const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
    return 0.299 * r + 0.587 * g + 0.114 * b;
  };

  test('&theme=dark has no serious or critical axe violations: page, form, dialog, embed', async ({ app, page }) => {
    test.setTimeout(60_000);
    await app.open('?scenario=scenarios/06-missing-return-route.json&theme=dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(app.status).toHaveText(VERDICT);
    expect(lightness(await background(page))).toBeLessThan(60);
    expect(await seriousViolations(page)).toEqual([]);
    // A resource's form open in the editor.
    await page.getByRole('navigation', { name: 'Resource list' }).locator('[data-res-id]').first().click();
    await expect(page.getByTestId('editor')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Scenarios', exact: true }).click();
    await expect(app.dialog('Scenario library')).toBeVisible();
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await app.screenshot('theme-dark-gallery');
    await page.keyboard.press('Escape');
    await app.open('?scenario=scenarios/01-transitive-peering.json&embed=1&theme=dark');
    await expect(app.status).toHaveText(VERDICT);
    expect(await seriousViolations(page)).toEqual([]);
    app.expectNoConsoleErrors();
  });

  test('follows prefers-color-scheme unless &theme= says otherwise', async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.open('?scenario=scenarios/01-transitive-peering.json');
    await expect(app.status).toHaveText(VERDICT);
    expect(lightness(await background(page))).toBeLessThan(60);
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('theme-dark-system');
    await app.open('?scenario=scenarios/01-transitive-peering.json&theme=light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(lightness(await background(page))).toBeGreaterThan(200);
    await page.emulateMedia({ colorScheme: 'light' });
    await app.open('?scenario=scenarios/01-transitive-peering.json');
    expect(lightness(await background(page))).toBeGreaterThan(200);
  });
});

test.describe('projector mode', () => {
  test.use({ viewport: { width: 1366, height: 800 } });

  test('&present=1 enlarges the panels and the diagram without CSS zoom, crisp, and hides the editor; P toggles it', async ({ app, page }) => {
    const scale = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--canvas-scale').trim());
    const verdictFont = async () => (await app.status.boundingBox())!.height;
    const fontPx = async () => parseFloat(await app.status.evaluate((e) => getComputedStyle(e).fontSize));
    await app.open('?scenario=scenarios/01-transitive-peering.json');
    await expect(app.status).toHaveText(VERDICT);
    const normal = await verdictFont();
    const normalFont = await fontPx();
    const normalText = await diagramTextPx(app, page);
    expect(await scale()).toBe('1');
    await app.open('?scenario=scenarios/01-transitive-peering.json&present=1');
    await expect(app.status).toHaveText(VERDICT);
    await expect(page.getByRole('complementary', { name: 'Resources' })).toHaveCount(0);
    expect(await scale()).toBe('1.5');
    expect(await verdictFont()).toBeGreaterThan(normal * 1.2);
    // The text itself is laid out larger (its computed size), not magnified afterwards: no
    // element of the page has a CSS zoom.
    expect(await fontPx()).toBeGreaterThan(normalFont * 1.3);
    const zoomed = await page.evaluate(() =>
      [...document.querySelectorAll('*')].filter((e) => {
        const z = getComputedStyle(e).zoom;
        return z !== '' && z !== '1' && z !== 'normal';
      }).map((e) => e.className),
    );
    expect(zoomed).toEqual([]);
    // The diagram's words are drawn larger at Fit, and its pixels match the screen's (one
    // backing pixel per device pixel: crisp).
    expect(await diagramTextPx(app, page)).toBeGreaterThan(normalText * 1.15);
    const crisp = await app.canvas.evaluate((c: HTMLCanvasElement) => {
      const r = c.getBoundingClientRect();
      return Math.abs(c.width - Math.round(r.width * devicePixelRatio)) <= 1 && Math.abs(c.height - Math.round(r.height * devicePixelRatio)) <= 1;
    });
    expect(crisp).toBe(true);
    const button = page.getByRole('button', { name: 'Projector' });
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await app.screenshot('present-mode');
    // P outside a text field switches it off and on; in a text field it is just a letter.
    await page.keyboard.press('p');
    await expect(page.getByRole('complementary', { name: 'Resources' })).toBeVisible();
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    expect(await scale()).toBe('1');
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('');
    await to.press('p');
    await expect(to).toHaveValue('p');
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await button.click();
    await expect(page.getByRole('complementary', { name: 'Resources' })).toHaveCount(0);
    app.expectNoConsoleErrors();
  });
});

// Screenshots of every lesson at the three sizes learners meet it, in the dark theme and in
// projector mode, for people to look at (target/screenshots/lessons/).
test.describe('lesson screenshots', () => {
  const SIZES: [string, number, number, string][] = [
    ['phone', 420, 800, ''],
    ['docs', 640, 400, '&embed=1'],
    ['desktop', 1366, 768, ''],
    ['dark', 1366, 768, '&theme=dark'],
    ['projector', 1366, 768, '&present=1'],
  ];
  for (const [name, width, height, extra] of SIZES) {
    test(`every lesson at ${name} size (${width}×${height})`, async ({ app, page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height });
      for (const lesson of LESSONS) {
        // The last step, paused: the packet where it ends.
        await app.open(`?scenario=scenarios/${lesson}${extra}&step=99`);
        await expect(app.status).toHaveText(VERDICT);
        await page.screenshot({ path: `target/screenshots/lessons/${lesson.replace('.json', '')}-${name}.png` });
      }
      app.expectNoConsoleErrors();
    });
  }
});
