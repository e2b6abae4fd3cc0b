// The page-object fixture every spec uses: opens the app, collects console errors, and offers
// the actions a learner takes (by accessible role and name, as a screen reader would find them).
import { test as base, expect, Page, Locator } from '@playwright/test';

export class Playground {
  readonly consoleErrors: string[] = [];
  constructor(readonly page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(String(err)));
  }

  /** Opens the app (query/fragment optional) and waits until the canvas is there. */
  async open(suffix = '') {
    await this.page.goto(suffix ? `./${suffix}` : './');
    await expect(this.canvas).toBeVisible();
  }

  get canvas(): Locator {
    return this.page.getByTestId('topology-canvas');
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  /** Saves a screenshot of the page as a test artifact under target/screenshots. */
  async screenshot(name: string) {
    await this.page.screenshot({ path: `target/screenshots/${name}.png` });
  }

  expectNoConsoleErrors() {
    expect(this.consoleErrors, 'console errors').toEqual([]);
  }
}

export const test = base.extend<{ app: Playground }>({
  app: async ({ page }, use) => {
    await use(new Playground(page));
  },
});

export { expect };
