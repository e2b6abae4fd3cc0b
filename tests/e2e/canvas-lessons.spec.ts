// Every library lesson's diagram at 1366x768: the topology as it opens, the packet part-way
// along its lesson trace, and the end of the trace, saved under target/screenshots/lessons/
// for people to look at; plus the canvas size the layout's geometry test assumes for the
// desktop, and the dark theme's canvas colours.
import { readdirSync } from 'node:fs';
import { test, expect } from './fixtures';

const lessons = readdirSync('crates/engine/scenarios').filter((f) => f.endsWith('.json')).sort();

test.use({ viewport: { width: 1366, height: 768 } });

for (const file of lessons) {
  const name = file.replace(/\.json$/, '');
  test(`lesson ${name}: the diagram and its trace`, async ({ app, page }) => {
    await app.open(`?scenario=scenarios/${file}`);
    await expect(app.status).toContainText(/Delivered|Dropped/);
    await page.getByRole('button', { name: 'Restart' }).click();
    await page.waitForTimeout(150);
    await app.canvas.screenshot({ path: `target/screenshots/lessons/${name}-topology.png` });
    // Part-way: the packet in the middle of the forward path.
    const steps = Number((await app.stepCount.textContent())!.match(/\/ (\d+)/)![1]);
    for (let i = 0; i < Math.ceil(steps / 3); i++) {
      await page.getByRole('button', { name: 'Step forward' }).click();
    }
    await app.canvas.screenshot({ path: `target/screenshots/lessons/${name}-mid.png` });
    await page.getByLabel('Animation speed').fill('4');
    await page.getByRole('button', { name: 'Play' }).click();
    await app.waitForEnd();
    await app.canvas.screenshot({ path: `target/screenshots/lessons/${name}-end.png` });
    app.expectNoConsoleErrors();
  });
}

test('the desktop canvas is the size the geometry test holds text to', async ({ app }) => {
  await app.open('?scenario=scenarios/01-transitive-peering.json');
  const box = (await app.canvas.boundingBox())!;
  // src/canvas/layout/geometry_tests.rs assumes at least 744x520 at 1366x768.
  test.info().annotations.push({ type: 'canvas', description: `${box.width}x${box.height}` });
  console.log(`desktop canvas at 1366x768: ${box.width}x${box.height}`);
  expect(box.width).toBeGreaterThanOrEqual(700);
  expect(box.height).toBeGreaterThanOrEqual(480);
});

test('the canvas follows the dark theme and back', async ({ app, page }) => {
  await app.open('?scenario=scenarios/19-dx-public-vif-s3.json');
  await expect(app.status).toContainText(/Delivered|Dropped/);
  const corner = () =>
    app.canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(2, 2, 1, 1).data;
      return (d[0] + d[1] + d[2]) / 3;
    });
  expect(await corner()).toBeGreaterThan(200);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expect.poll(corner).toBeLessThan(60);
  await app.canvas.screenshot({ path: 'target/screenshots/lessons/19-dark.png' });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await expect.poll(corner).toBeGreaterThan(200);
});

test('a phone-sized canvas lays the lesson out to its width', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open('?scenario=scenarios/01-transitive-peering.json');
  await expect(app.status).toContainText(/Delivered|Dropped/);
  await app.canvas.scrollIntoViewIfNeeded();
  await app.canvas.screenshot({ path: 'target/screenshots/lessons/01-phone.png' });
});

test('two fingers pinch the diagram larger; one finger pans it', async ({ app, page }) => {
  await app.open('?scenario=scenarios/18-dx-preferred-over-vpn.json');
  await expect(app.status).toContainText(/Delivered|Dropped/);
  await app.waitForEnd();
  const box = (await app.canvas.boundingBox())!;
  const touch = (type: string, id: number, x: number, y: number) =>
    app.canvas.evaluate(
      (c, [t, i, px, py]) => {
        const r = c.getBoundingClientRect();
        c.dispatchEvent(new PointerEvent(t as string, {
          pointerId: i as number, pointerType: 'touch', isPrimary: i === 1, bubbles: true,
          clientX: r.left + (px as number), clientY: r.top + (py as number), button: 0,
        }));
      },
      [type, id, x, y] as const,
    );
  const cx = box.width / 2;
  const cy = box.height / 2;
  const before = await app.canvasHash();
  await touch('pointerdown', 1, cx - 40, cy);
  await touch('pointerdown', 2, cx + 40, cy);
  for (let k = 1; k <= 5; k++) {
    await touch('pointermove', 1, cx - 40 - 16 * k, cy);
    await touch('pointermove', 2, cx + 40 + 16 * k, cy);
  }
  await touch('pointerup', 1, cx - 120, cy);
  await touch('pointerup', 2, cx + 120, cy);
  const zoomed = await app.canvasHash();
  expect(zoomed).not.toBe(before);
  await app.canvas.screenshot({ path: 'target/screenshots/lessons/18-pinched.png' });
  await expect(app.canvas).not.toHaveAttribute('aria-label', /selected/);
  // One finger drags.
  await touch('pointerdown', 3, cx, cy);
  await touch('pointermove', 3, cx + 60, cy + 30);
  await touch('pointerup', 3, cx + 60, cy + 30);
  await expect.poll(() => app.canvasHash()).not.toBe(zoomed);
  await page.getByRole('button', { name: 'Fit to view' }).click();
  await expect.poll(() => app.canvasHash()).toBe(before);
});

test('hovering a box shows the details it leaves out', async ({ app, page }) => {
  await app.open('?scenario=scenarios/11-s3-gateway-endpoint.json');
  await expect(app.status).toContainText(/Delivered|Dropped/);
  await app.waitForEnd();
  const plain = await app.canvasHash();
  const box = (await app.canvas.boundingBox())!;
  // Sweep until the pointer is over something with details (a subnet, the VPC, a gateway).
  let shown = false;
  for (let y = 0.3; y < 0.8 && !shown; y += 0.1) {
    for (let x = 0.2; x < 0.8 && !shown; x += 0.1) {
      await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
      shown = (await app.canvasHash()) !== plain;
    }
  }
  expect(shown).toBe(true);
  await app.canvas.screenshot({ path: 'target/screenshots/lessons/11-hover-details.png' });
  await page.mouse.move(box.x + box.width + 50, box.y + 10);
  await expect.poll(() => app.canvasHash()).toBe(plain);
});
