// Deleting a resource others depend on is refused with their names, or done with them.
import { test, expect } from './fixtures';
import { Editor } from './editor';

test('delete names the dependents and can delete them too', async ({ app, page }) => {
  const ed = new Editor(page);
  await ed.openEmpty();
  await ed.addVpcWithInstance('A');
  await ed.open('subnet-1');
  await ed.form.getByRole('button', { name: 'Delete subnet-1' }).click();
  const blocked = ed.form.getByTestId('delete-blocked');
  await expect(blocked).toContainText('subnet-1 cannot be deleted while these use it: i-1');
  await expect(ed.item('subnet-1')).toBeVisible();
  await app.screenshot('editor-delete-blocked');

  await blocked.getByRole('button', { name: /Delete all subnet-1/ }).click();
  await expect(ed.item('subnet-1')).toHaveCount(0);
  await expect(ed.item('i-1')).toHaveCount(0);
  await expect(ed.item('vpc-1')).toBeVisible();

  // Ctrl+Z outside a text field undoes the delete.
  await page.keyboard.press('Control+z');
  await expect(ed.item('i-1')).toBeVisible();
  app.expectNoConsoleErrors();
});
