// Nothing in a scenario runs as code: names and descriptions are text, and the
// Content-Security-Policy lets only the app's own loader and wasm run.
import { test, expect } from './fixtures';

const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;

function hostileScenario() {
  return {
    format: 'vpc-playground/1',
    name: `Hostile ${PAYLOAD}`,
    description: `desc ${PAYLOAD}`,
    vpcs: [{ id: 'vpc-x', name: PAYLOAD, account: '111111111111', region: 'us-east-1', cidrs: ['10.0.0.0/16'] }],
    subnets: [{ id: 'subnet-x', name: PAYLOAD, vpc: 'vpc-x', cidr: '10.0.1.0/24' }],
    route_tables: [{ id: 'rtb-x', vpc: 'vpc-x', main: true }],
    instances: [{ id: 'i-x', name: PAYLOAD, subnet: 'subnet-x', private_ip: '10.0.1.10' }],
    internet_hosts: [{ id: 'evil', name: `"><svg onload="window.__xss=3">`, ip: '198.51.100.7' }],
    lesson: { question: `Q ${PAYLOAD}`, answer: `A ${PAYLOAD}`, trace: { from: 'i-x', to: 'evil' } },
  };
}

test('HTML and script payloads in names are shown as text and never run', async ({ app, page }) => {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await app.openWith(hostileScenario());
  // The payload is visible as literal text in the lesson bar and the resource panel...
  await expect(app.lesson).toContainText('<script>window.__xss=2</script>');
  await expect(page.getByRole('complementary', { name: 'Resources' })).toContainText('<img src=x');
  await page.getByRole('button', { name: 'Show answer' }).click();
  await expect(app.lesson).toContainText(`A <img src=x onerror="window.__xss=1">`);
  // ...no element was created from it, and nothing ran.
  expect(await page.locator('img[src="x"], svg[onload], script:not([type="module"]):not([src])').count()).toBe(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  await app.screenshot('hostile-names');
  expect(violations).toEqual([]);
  app.expectNoConsoleErrors();
});

test('the Content-Security-Policy is in force and the app runs under it', async ({ app, page }) => {
  await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("object-src 'none'");
  // The app is alive under the policy: a trace runs and its verdict is shown.
  await expect(app.status).toContainText(/Dropped|Delivered/);
  // An inline script injected after load is refused by the policy.
  const ran = await page.evaluate(() => {
    (window as any).__inline = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.appendChild(s);
    return (window as any).__inline;
  });
  expect(ran).toBe(false);
});
