// The page-object fixture every spec uses: opens the app, collects console errors, and offers
// the actions a learner takes (by accessible role and name, as a screen reader would find them).
import { test as base, expect, Page, Locator } from '@playwright/test';
import { readFileSync } from 'fs';
import { resolve } from 'path';

/** The text of a file of the repository, by its path from the repository root. */
export function repoText(path: string): string {
  return readFileSync(resolve(__dirname, '..', '..', path), 'utf8');
}

/** A scenario JSON file of the repository, parsed, for a test to change before opening it. */
export function repoScenario(path: string): any {
  return JSON.parse(repoText(path));
}

/** The ids in the resource list, in order: the concrete "previous state" to compare. */
export async function resourceIds(page: Page): Promise<string[]> {
  return page.getByTestId('resources').locator('.res-tree [data-res-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-res-id')!));
}

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

  /** Opens the app with `scenario` (an object or a JSON file path from the repository root) as the autosaved work. */
  async openWith(scenario: object | string, suffix = '') {
    const json = typeof scenario === 'string' ? repoText(scenario) : JSON.stringify(scenario);
    // Seed once per call: later reloads keep whatever the app saved since.
    const flag = `vpc-test-seeded-${Math.random()}`;
    await this.page.addInitScript(([j, f]) => {
      if (!sessionStorage.getItem(f)) {
        localStorage.setItem('vpc-playground/scenario', j);
        sessionStorage.setItem(f, '1');
      }
    }, [json, flag]);
    await this.open(suffix);
  }

  /** Picks From and To in the trace panel and sends the packet. */
  async sendPacket(from: string, to: string) {
    await this.page.getByLabel('From').selectOption(from);
    await this.page.getByRole('combobox', { name: 'To' }).fill(to);
    await this.page.getByRole('button', { name: 'Send packet' }).click();
  }

  /** The event-list rows (one per hop, forward then reply). */
  get eventRows(): Locator {
    return this.page.getByTestId('event-row');
  }

  /** The "step N / M" text of the transport bar. */
  get stepCount(): Locator {
    return this.page.getByTestId('step-count');
  }

  /** Waits until the animation has reached its last step. */
  async waitForEnd() {
    await expect(this.stepCount).toHaveText(/step (\d+) \/ \1$/, { timeout: 15_000 });
    await expect(this.page.getByRole('button', { name: 'Play' })).toBeVisible();
  }

  /** A hash of the canvas pixels, to tell frames apart. */
  async canvasHash(): Promise<string> {
    return this.canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let h = 2166136261;
      for (let i = 0; i < d.length; i += 4) {
        h ^= d[i] + 3 * d[i + 1] + 7 * d[i + 2];
        h = Math.imul(h, 16777619) >>> 0;
      }
      return h.toString(16);
    });
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
