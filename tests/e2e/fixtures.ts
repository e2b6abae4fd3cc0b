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

  /** The lesson bar (the scenario's question). */
  get lesson(): Locator {
    return this.page.getByRole('region', { name: 'Lesson' });
  }

  /** The welcome card of a first run. */
  get welcome(): Locator {
    return this.page.getByTestId('welcome');
  }

  /** A dialog by its heading. */
  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Opens the scenario gallery and returns its dialog. */
  async openGallery(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Scenarios', exact: true }).click();
    const d = this.dialog('Scenario library');
    await expect(d).toBeVisible();
    return d;
  }

  /** Opens a library scenario by title through the gallery. */
  async openScenario(title: string) {
    const d = await this.openGallery();
    await d.getByRole('button', { name: `Open ${title}`, exact: true }).click();
    await expect(d).toBeHidden();
  }

  /** The link the Share dialog offers (the dialog is closed again). */
  async shareLink(): Promise<string> {
    await this.page.getByRole('button', { name: 'Share', exact: true }).click();
    const d = this.dialog('Share this scenario');
    const link = await d.getByRole('textbox', { name: 'Share link' }).inputValue();
    await this.page.keyboard.press('Escape');
    await expect(d).toBeHidden();
    return link;
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
