// Page object for the topology editor (resource panel, forms, header): what a learner does
// to build a topology, found by role and accessible name.
import { Page, Locator, expect } from '@playwright/test';

export class Editor {
  constructor(readonly page: Page) {}

  /** Opens the app on an empty scenario (seeded once, so reloads keep the user's work). */
  async openEmpty() {
    await this.page.addInitScript(() => {
      if (!sessionStorage.getItem('editor-seeded')) {
        localStorage.setItem('vpc-playground/scenario', '{"format":"vpc-playground/1"}');
        sessionStorage.setItem('editor-seeded', '1');
      }
    });
    await this.page.goto('./');
    await expect(this.page.getByLabel('Add resource')).toBeVisible();
  }

  /** The form of the selected resource. */
  get form(): Locator {
    return this.page.getByTestId('editor');
  }

  get findingsHeading(): Locator {
    return this.page.getByRole('heading', { name: /^Findings \(\d+\)$/ });
  }

  /** Adds a resource with "Add resource" (its form opens). */
  async add(kind: string) {
    await this.page.getByLabel('Add resource').selectOption({ label: kind });
    await expect(this.form).toBeVisible();
  }

  /** A field of the open form by its label. */
  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Types into a field and leaves it (the value applies on change). */
  async set(label: string, value: string) {
    const f = this.field(label);
    await f.fill(value);
    await f.press('Tab');
  }

  async choose(label: string, value: string) {
    await this.field(label).selectOption(value);
  }

  /** The resource panel's line for an id. */
  item(id: string): Locator {
    return this.page.getByTestId('resources').locator(`.res-tree [data-res-id="${id}"]`).first();
  }

  async open(id: string) {
    await this.item(id).click();
    await expect(this.form.getByRole('heading')).toContainText(id);
  }

  /** Adds a static route to the open route table's form. */
  async addRoute(destination: string, target: string) {
    await this.field('New route destination').fill(destination);
    await this.field('New route target').selectOption(target);
    await this.form.getByRole('button', { name: 'Add route' }).click();
  }

  /** Requests a peering from the open VPC's form. */
  async requestPeering(accepter: string) {
    await this.field('Accepter VPC').selectOption(accepter);
    await this.form.getByRole('button', { name: 'Request peering' }).click();
  }

  async actAs(account: string) {
    await this.page.getByLabel('Acting as account').selectOption(account);
  }

  /** A VPC with a subnet and an instance, all with generated ids and defaults. */
  async addVpcWithInstance(name: string) {
    await this.add('VPC');
    await this.set('Name', name);
    await this.add('Subnet');
    await this.add('Instance');
  }

  get alert(): Locator {
    return this.page.locator('.notice[role="alert"]');
  }
}
