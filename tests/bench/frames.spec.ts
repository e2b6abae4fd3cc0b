// Frame-work benchmark (run by scripts/bench.sh, not a test): a generated topology of 200
// VPCs in two regions, peered in a chain, drawn while a packet animates. Every
// requestAnimationFrame callback of the page is wrapped to time the work done inside it
// (state update + drawing) with performance.now(); median and 95th percentile over 300+ frames.
import { test } from '@playwright/test';
import { writeFileSync } from 'fs';

function topology(n: number) {
  const vpcs = [], subnets = [], route_tables = [], instances = [], peering_connections = [];
  for (let i = 0; i < n; i++) {
    const b = `10.${i}`;
    vpcs.push({ id: `vpc-${i}`, name: `V${i}`, account: i % 2 ? '222222222222' : '111111111111',
      region: i < n / 2 ? 'us-east-1' : 'eu-west-1', cidrs: [`${b}.0.0/16`] });
    subnets.push({ id: `subnet-${i}`, vpc: `vpc-${i}`, cidr: `${b}.1.0/24` });
    instances.push({ id: `i-${i}`, subnet: `subnet-${i}`, private_ip: `${b}.1.10` });
    const routes = [];
    if (i > 0) routes.push({ destination: `10.${i - 1}.0.0/16`, target: `pcx-${i - 1}` });
    if (i < n - 1) routes.push({ destination: `10.${i + 1}.0.0/16`, target: `pcx-${i}` });
    route_tables.push({ id: `rtb-${i}`, vpc: `vpc-${i}`, main: true, routes });
    if (i < n - 1) peering_connections.push({ id: `pcx-${i}`, requester: `vpc-${i}`, accepter: `vpc-${i + 1}`, status: 'active' });
  }
  return { format: 'vpc-playground/1', name: `${n} VPCs`, vpcs, subnets, route_tables, instances, peering_connections };
}

test('frame work with 200 VPCs', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript((json) => {
    localStorage.setItem('vpc-playground/scenario', json);
    const w = window as any;
    w.__frames = [];
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((t) => {
      const s = performance.now();
      cb(t);
      w.__frames.push(performance.now() - s);
    });
  }, JSON.stringify(topology(200)));
  await page.goto('./');
  await page.getByTestId('topology-canvas').waitFor();
  await page.getByLabel('From').selectOption('i-0');
  await page.getByRole('combobox', { name: 'To' }).fill('i-3');
  await page.evaluate(() => { (window as any).__frames = []; });
  await page.getByRole('button', { name: 'Send packet' }).click();
  // Keep it animating: restart whenever it ends, until 300 frames are recorded.
  for (let i = 0; i < 60; i++) {
    const n = await page.evaluate(() => (window as any).__frames.length);
    if (n >= 300) break;
    if (await page.getByRole('button', { name: 'Play' }).isVisible()) {
      await page.getByRole('button', { name: 'Restart' }).click();
      await page.getByRole('button', { name: 'Play' }).click();
    }
    await page.waitForTimeout(500);
  }
  const frames: number[] = await page.evaluate(() => (window as any).__frames);
  const s = [...frames].sort((a, b) => a - b);
  const out = { frames: s.length, median_ms: s[Math.floor(s.length / 2)], p95_ms: s[Math.floor(s.length * 0.95)] };
  writeFileSync('target/bench-frames.json', JSON.stringify(out, null, 2));
  console.log(`BENCH frame-work-200-vpcs median ${out.median_ms.toFixed(2)} ms p95 ${out.p95_ms.toFixed(2)} ms over ${out.frames} frames`);
});
