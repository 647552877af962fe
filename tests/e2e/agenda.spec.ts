import { action, measureRow, measureTitles, noteBox, openMeasure, reviewGroup } from './clinic-page';
import { expect, test } from './fixtures';
import { startClinic } from './seed';

test('the chair reorders the agenda and marks measures discussed, and both are kept', async ({ page, clinic }) => {
  startClinic(clinic.app, { scope: ['visits'] });
  await clinic.open();
  await expect(page.getByRole('region', { name: 'Director’s performance clinic' })).toContainText('CoversVisits');

  await page.getByRole('radio', { name: 'As agenda' }).check();
  await expect(page.getByRole('columnheader', { name: 'No.' })).toBeVisible();
  const before = await measureTitles(page);
  expect(before).toHaveLength(4);
  const [first, second] = before as [string, string];
  await page.getByRole('button', { name: `Move ${second} up` }).click();
  await expect(page.getByTestId('announcer')).toContainText(`${second} moved up to item 1. Agenda saved.`);
  // The button reached the top and is disabled, so focus moved to its neighbour rather than being lost.
  await expect(page.getByRole('button', { name: `Move ${second} down` })).toHaveFocus();

  await measureRow(page, first)
    .getByRole('checkbox', { name: `Discussed: ${first}` })
    .check();
  await expect(page.getByTestId('announcer')).toContainText(`${first} marked discussed. Saved.`);

  await clinic.open();
  await page.getByRole('radio', { name: 'As agenda' }).check();
  await expect(page.getByRole('columnheader', { name: 'No.' })).toBeVisible();
  expect(await measureTitles(page)).toEqual([second, first, ...before.slice(2)]);
  await expect(measureRow(page, first).getByRole('checkbox', { name: `Discussed: ${first}` })).toBeChecked();
  await expect(measureRow(page, second).getByRole('checkbox', { name: `Discussed: ${second}` })).not.toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('1 discussed');
});

test('a discussed mark the app refuses is taken back, and the reason is shown', async ({ page, clinic }) => {
  const started = startClinic(clinic.app, { scope: ['visits'] });
  await clinic.open();
  const box = page.getByRole('checkbox', { name: 'Discussed: Children in need visited within 4 weeks' });
  await expect(box).toBeEnabled();
  // Someone marks the clinic final in another window while this one still shows it as a draft.
  clinic.app.meetings.setFinal(started.id, true, '');

  // A click, not check(): the refusal may take the tick back before check() would look at it.
  await box.click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Children in need visited within 4 weeks was not marked discussed' }),
  ).toContainText('is final, so its record is read-only. Reopen it to change it.');
  await expect(box).not.toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('0 discussed');
});

test('a final clinic is read-only everywhere until it is reopened with a reason', async ({ page, clinic }) => {
  startClinic(clinic.app);
  await clinic.open();

  await page.getByRole('button', { name: 'Raise an action for the whole clinic' }).click();
  await page.getByLabel('What is to be done').fill('Send the clinic pack out a week ahead');
  await page.getByLabel('Owner').fill('Performance Officer');
  await page.getByLabel('Due by').fill('2023-12-01');
  await page.getByRole('button', { name: 'Raise action' }).click();
  const wholeClinic = action(reviewGroup(page, /^Raised at this clinic/), 'DPC-2023-11-01');
  await expect(wholeClinic).toContainText('Whole clinic');

  await page.getByRole('button', { name: 'Mark final' }).click();
  const header = page.getByRole('region', { name: 'Director’s performance clinic' });
  await expect(header).toContainText('Final');
  await expect(header).toContainText('This clinic is final');
  await expect(page.getByRole('button', { name: 'Raise an action for the whole clinic' })).toHaveCount(0);
  await expect(wholeClinic.getByRole('button', { name: /Add an update/ })).toHaveCount(0);
  await page.getByRole('radio', { name: 'As agenda' }).check();
  await expect(page.getByRole('button', { name: /^Move .* up$/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Discussed: Contacts' })).toBeDisabled();

  const panel = await openMeasure(page, 'Contacts');
  await expect(noteBox(panel)).not.toBeEditable();
  await expect(panel).toContainText('This clinic is final, so its notes are read-only.');
  await expect(panel.getByRole('button', { name: 'Raise an action' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Reopen clinic' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reopen this clinic?' });
  await dialog.getByRole('button', { name: 'Reopen clinic' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Reopening a final clinic needs a reason, which is kept in its record.',
  );
  await dialog.getByLabel('Why is it being reopened?').fill('The chair’s note on contacts was missed.');
  await dialog.getByRole('button', { name: 'Reopen clinic' }).click();
  await expect(header).toContainText('Draft');
  await expect(page.getByRole('button', { name: 'Mark final' })).toBeVisible();

  const again = await openMeasure(page, 'Contacts');
  await noteBox(again).fill('Contacts fell by 102.');
  await expect(again.locator('.note-editor').getByRole('status')).toHaveText(/^Saved at/);
});

test('the proposed agenda says in words why each measure is where it is', async ({ page, clinic }) => {
  startClinic(clinic.app, { scope: ['visits'] });
  await clinic.open();
  await page.getByRole('radio', { name: 'As agenda' }).check();
  await expect(page.getByRole('columnheader', { name: 'No.' })).toBeVisible();
  // Furthest off target relative to the target first; an on-target fall (90% to 86%, target 80%) is not news.
  expect(await measureTitles(page)).toEqual([
    'Child protection visits within 10 working days',
    'Children in need visited within 4 weeks',
    'Children in care visited in timescale',
    'Care leavers visited within 8 weeks',
  ]);
  await expect(measureRow(page, 'Child protection visits within 10 working days')).toContainText(
    'Agenda: Off target by 11 points: 12% below the target of 95%',
  );
  await expect(measureRow(page, 'Children in need visited within 4 weeks')).toContainText(
    'Agenda: Off target by 1 point: 1% below the target of 80%',
  );
  await expect(measureRow(page, 'Children in care visited in timescale')).toContainText(
    /Agenda: Nothing to flag: on target/,
  );
});
