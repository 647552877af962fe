/** The open file's privacy settings on the Preferences page (issue 17): a choice shows at once and a refusal puts it back. */
import { expect, test } from './fixtures';

test('a worker-names or publication choice the app refuses goes back to what the file holds, with the reason', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await page.getByRole('button', { name: 'Preferences' }).click();
  const initials = page.getByLabel('Show workers by their initials (Jane Smith as J.S.)');
  const hidden = page.getByLabel('Hide the worker level: show teams only');
  const publication = page.getByLabel('Marked for publication');
  await expect(initials).toBeChecked();
  clinic.rewriteCalls((name, args) =>
    name === 'setFileSettings' ? { ...(args as object), workerNames: 'all' } : args,
  );

  // Clicks, not check(): the refusal may put the old choice back before check() would look at it.
  await hidden.click();
  const section = page.getByRole('region', { name: 'This file: worker names and publication' });
  await expect(section.getByRole('alert')).toContainText(
    'Not saved, so the setting is back as it was: The request was not valid (workerNames)',
  );
  await expect(section.getByRole('status')).toHaveText('Not saved');
  await expect(initials).toBeChecked();
  await expect(hidden).not.toBeChecked();

  await publication.click();
  await expect(section.getByRole('status')).toHaveText('Not saved');
  await expect(publication).not.toBeChecked();
  expect(clinic.app.settings.get()).toMatchObject({ workerNames: 'initials', forPublication: false });

  clinic.rewriteCalls((_name, args) => args);
  await hidden.check();
  await expect(section.getByRole('status')).toHaveText(
    'Saved. This file: worker names hidden; not marked for publication.',
  );
  await expect(section.getByRole('alert')).toHaveCount(0);
  expect(clinic.app.settings.get()).toMatchObject({ workerNames: 'hidden', forPublication: false });
});
