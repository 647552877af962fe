import { measureRow, noteBox, noteStatus, openMeasure } from './clinic-page';
import { expect, test } from './fixtures';
import { startClinic } from './seed';

test('a clinic started from the form takes a note that says "Saved at" once on disk, and a fresh window shows it', async ({
  page,
  clinic,
}) => {
  await clinic.open();
  await page.getByRole('button', { name: 'Preferences' }).click();
  await page.getByLabel('Your name').fill('Sam Okafor');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByText('Saved. Your name is now Sam Okafor.')).toBeVisible();

  await page.getByRole('button', { name: 'Clinic', exact: true }).click();
  await page.getByRole('button', { name: 'Start a clinic' }).click();
  await expect(page.getByRole('heading', { name: 'New clinic' })).toHaveFocus();
  await page.getByLabel('Date of the clinic').fill('2023-11-09');
  await page.getByLabel('Chair').fill('Priya Shah');
  await page.getByLabel('Attendees').fill('Sam Okafor\nJo Lee');
  await page.getByLabel('Apologies').fill('Ruth Evans');
  await expect(page.getByLabel('Period')).toHaveValue('2023-10');
  await expect(page.getByLabel('Compared with')).toHaveValue('2023-09');
  await page.getByRole('button', { name: 'Start clinic' }).click();

  await expect(page.getByRole('heading', { level: 2, name: 'Director’s performance clinic' })).toBeVisible();
  await expect(page.getByLabel('Clinic', { exact: true })).toHaveValue(
    String(clinic.app.meetings.listClinics()[0]?.id),
  );
  await expect(page.getByRole('region', { name: 'Director’s performance clinic' })).toContainText('9 Nov 2023');
  await page.getByText('Attendees (2) and apologies (1)').click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Jo Lee' })).toBeVisible();

  const panel = await openMeasure(page, 'Decisions within 1 working day');
  await noteBox(panel).fill('Agency cover starts on 6 November.');
  await expect(noteStatus(panel)).toHaveText(/^Saved at \d\d:\d\d$/);
  // "Saved" means the application has it: it is in the file, not just on the screen.
  const id = clinic.app.meetings.listClinics()[0]?.id ?? 0;
  expect(clinic.app.meetings.getClinicView(id).notes.map((n) => n.text)).toEqual([
    'Agency cover starts on 6 November.',
  ]);
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(measureRow(page, 'Decisions within 1 working day').getByRole('rowheader')).toContainText('Note');

  // Another person's window reads the shared file, which the app writes when the person pauses
  // (the shell's checkpoint, played here); until then the note is safe in this app's own journal.
  expect(clinic.app.checkpoint()).toBe(true);
  const fresh = await clinic.openAnotherWindow();
  const again = await openMeasure(fresh, 'Decisions within 1 working day');
  await expect(noteBox(again)).toHaveValue('Agency cover starts on 6 November.');
  await expect(noteStatus(again)).toContainText('by Sam Okafor');
});

test('a note changed in another window is not overwritten: the editor says so and offers the latest', async ({
  page,
  clinic,
}) => {
  const november = startClinic(clinic.app);
  await clinic.open();
  const panel = await openMeasure(page, 'Contacts');
  await noteBox(panel).fill('Mine: contacts fell by 102.');
  await expect(noteStatus(panel)).toHaveText(/^Saved at/);

  // Someone else saves the same note from the version this window also started from.
  clinic.app.setPreferences({ displayName: 'Jo Lee' });
  clinic.app.meetings.saveNote(november.id, 'contacts', 'Theirs: the drop is the new portal.', 1);

  await noteBox(panel).fill('Mine: contacts fell by 102, mostly police notifications.');
  await expect(panel.getByRole('alert')).toContainText('This note was changed by Jo Lee');
  await expect(noteStatus(panel)).toHaveText('Not saved');
  await expect(noteBox(panel)).toHaveValue('Mine: contacts fell by 102, mostly police notifications.');

  await panel.getByRole('button', { name: 'Load the latest' }).click();
  const confirm = page.getByRole('dialog', { name: 'Replace your text with the latest saved note?' });
  await confirm.getByRole('button', { name: 'Load the latest' }).click();
  await expect(noteBox(panel)).toHaveValue('Theirs: the drop is the new portal.');
  await expect(noteStatus(panel)).toContainText('by Jo Lee');

  // From the latest version, typing saves again.
  await noteBox(panel).fill('Theirs: the drop is the new portal. Mine: check police notifications.');
  await expect(noteStatus(panel)).toHaveText(/^Saved at/);
});

test('a note over 20,000 characters is refused with the reason and keeps every character; delete asks first', async ({
  page,
  clinic,
}) => {
  startClinic(clinic.app);
  await clinic.open();
  const panel = await openMeasure(page, 'Referrals');
  const box = noteBox(panel);

  await box.fill('a'.repeat(19_000));
  await expect(panel.getByText('19,000 of 20,000 characters')).toBeVisible();
  await expect(noteStatus(panel)).toHaveText(/^Saved at/);

  const long = 'b'.repeat(20_001);
  await box.fill(long);
  await expect(panel.getByText('20,001 characters: 1 over the limit of 20,000')).toBeVisible();
  await expect(panel.getByRole('alert')).toContainText(
    'This note is 20,001 characters, over the limit of 20,000. Nothing has been lost',
  );
  await expect(noteStatus(panel)).toHaveText('Not saved');
  await expect(box).toHaveValue(long);

  // Closing over an unsaved note asks first, and staying keeps the text.
  await panel.getByRole('button', { name: 'Close' }).click();
  const unsaved = page.getByRole('dialog', { name: 'Your note is not saved' });
  await unsaved.getByRole('button', { name: 'Cancel' }).click();
  await expect(box).toHaveValue(long);

  await box.fill('Referrals down 50, in line with contacts.');
  await expect(noteStatus(panel)).toHaveText(/^Saved at/);
  await panel.getByRole('button', { name: 'Delete note' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the note for Referrals?' });
  await expect(confirm).toContainText('kept in the history of changes');
  await confirm.getByRole('button', { name: 'Delete note' }).click();
  await expect(noteStatus(panel)).toHaveText('Note deleted');
  await expect(box).toHaveValue('');

  await panel.getByText('History of changes').click();
  await expect(panel.getByRole('listitem').filter({ hasText: 'Note deleted' })).toContainText(
    'Referrals down 50, in line with contacts.',
  );
});
