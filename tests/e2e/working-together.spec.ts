/**
 * Working together (issue 13) in the window: two people, each with the app open on the same
 * clinic file; one takes a copy to a meeting with no network and the other merges it back after
 * seeing what it will change. Each sees the other's notes; a note both wrote is offered as a
 * choice and nothing typed is lost; a file of another clinic is refused and neither file changes.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { ClinicApp } from '../../main/api/clinic-app';
import { noteBox, noteStatus, openMeasure } from './clinic-page';
import { violations } from './axe';
import { expect, test } from './fixtures';
import { startClinic } from './seed';
import type { Locator, Page } from '@playwright/test';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const PRIYA_CONTACTS = 'Priya: contacts fell by 102 once the new front door opened.';
const PRIYA_REFERRALS = 'Priya: referrals steady; the conversion rate is the one to watch.';
const JANE_CONTACTS = 'Jane: contacts down. Check the referral rate with the MASH.';

async function writeNote(page: Page, measure: string, text: string): Promise<void> {
  const panel = await openMeasure(page, measure);
  await noteBox(panel).fill(text);
  await expect(noteStatus(panel)).toHaveText(/^Saved at \d\d:\d\d$/);
  await panel.getByRole('button', { name: 'Close' }).click();
}

function banner(page: Page): Locator {
  return page.getByTestId('sync-banner');
}

test('a copy taken offline and merged back after a preview: each window sees the other’s notes, and a note written on both is a choice with nothing typed lost', async ({
  page,
  clinic,
}) => {
  const shared = path.join(clinic.dir, 'clinic.db');
  startClinic(clinic.app);
  clinic.app.setPreferences({ displayName: 'Jane Director' });
  // The journal folded into the file, as the app does when the person pauses, so the second
  // instance opens the file itself (replaying another instance's journal is the shared-file work's).
  clinic.app.checkpoint();
  await clinic.open();
  const priya = await clinic.openSecondInstance('Priya Shah');

  // Priya takes a copy to a meeting room with no network, from the File menu.
  await priya.menu('takeOfflineCopy');
  const taken = priya.page.getByText(/^Copy saved as .*offline copy.*\.db\. You are now working in it; clinic\.db/);
  await expect(taken).toHaveFocus();
  await expect(priya.page.locator('.app-header__file')).toContainText('offline copy');
  const copy = priya.app.fileInfo().path;
  expect(path.dirname(copy)).toBe(path.join(priya.dir, 'exports'));

  // Each writes a note on Contacts; Priya one on Referrals too.
  await priya.page.getByRole('button', { name: 'Clinic', exact: true }).click();
  await writeNote(priya.page, 'Contacts', PRIYA_CONTACTS);
  await writeNote(priya.page, 'Referrals', PRIYA_REFERRALS);
  await writeNote(page, 'Contacts', JANE_CONTACTS);

  // Back at the office Jane merges the copy, from the window: first what it would change.
  await page.getByRole('button', { name: 'Working together' }).click();
  clinic.pickFile(copy);
  await page.getByRole('button', { name: 'Choose a copy to merge…' }).click();
  await expect(page.getByRole('heading', { name: /^Check what .*offline copy.* will change$/ })).toHaveFocus();
  const totals = page.getByRole('list', { name: 'What the copy holds' }).getByRole('listitem');
  await expect(totals).toHaveText([/^\d+ to apply$/, /^\d+ already there$/, '1 note kept both ways']);
  await expect(
    page.getByText(/^\d+ changes by Priya Shah will be merged in; \d+ changes are already here\.$/),
  ).toBeVisible();
  const both = page.getByRole('region', { name: 'Notes changed on both copies' });
  await expect(both).toContainText(`Current, by Jane Director${JANE_CONTACTS}`);
  await expect(both).toContainText(PRIYA_CONTACTS);
  // Nothing is written before the merge is confirmed.
  expect(clinic.app.meetings.measureNotes('referrals')).toEqual([]);
  const copyBefore = sha(copy);

  await page.getByRole('button', { name: /^Merge \d+ changes$/ }).click();
  await expect(page.getByRole('heading', { name: /offline copy.* merged$/ })).toHaveFocus();
  await expect(page.getByText(/^\d+ changes by Priya Shah were merged in/)).toBeVisible();
  // The notice is a polite live region: read out, and focus stays where it was.
  await expect(
    banner(page)
      .getByRole('status')
      .filter({ hasText: /^Changes from Priya Shah merged at \d\d:\d\d$/ }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: /offline copy.* merged$/ })).toHaveFocus();
  await expect(page.getByTestId('announcer')).toContainText('merged');
  expect(sha(copy)).toBe(copyBefore);

  // Jane sees Priya's note, and the note both wrote offers the choice.
  await page.getByRole('button', { name: 'Go to the clinic' }).click();
  const referrals = await openMeasure(page, 'Referrals');
  await expect(noteBox(referrals)).toHaveValue(PRIYA_REFERRALS);
  await referrals.getByRole('button', { name: 'Close' }).click();
  const contacts = await openMeasure(page, 'Contacts');
  await expect(noteBox(contacts)).toHaveValue(JANE_CONTACTS);
  const kept = contacts.getByRole('region', { name: 'Another text was written for this note' });
  await expect(kept.getByText(/^Also written by Priya Shah at \d+ \w{3} \d{4} at \d\d:\d\d$/)).toBeVisible();
  await expect(kept.getByText(PRIYA_CONTACTS)).toBeVisible();

  // Jane adds a line, then combines both by keyboard before the box has saved: her line is kept.
  await noteBox(contacts).press('Control+End');
  await noteBox(contacts).pressSequentially(' Agency cover too.');
  await kept.getByRole('radio', { name: 'Keep this one: the text in the box' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(kept.getByRole('radio', { name: 'Keep the other: the text by Priya Shah' })).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(kept.getByRole('radio', { name: 'Combine both' })).toBeChecked();
  const combinedBox = kept.getByRole('textbox', { name: 'Combined note' });
  await expect(combinedBox).toHaveValue(`${JANE_CONTACTS} Agency cover too.\n\n${PRIYA_CONTACTS}`);
  const together = `${JANE_CONTACTS} Agency cover too.\n${PRIYA_CONTACTS}`;
  await combinedBox.fill(together);
  await kept.getByRole('button', { name: 'Save this choice' }).click();
  const settled = contacts.getByText(
    'The note keeps the combined text. The other text is kept in the history of changes.',
  );
  await expect(settled).toHaveFocus();
  await expect(noteBox(contacts)).toHaveValue(together);
  await expect(contacts.getByText(/^Also written by/)).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toContainText('The note keeps the combined text.');

  // Priya merges the shared file into her copy, from the File menu, and sees what Jane settled.
  priya.pickFile(shared);
  await priya.menu('mergeCopy');
  await expect(priya.page.getByRole('heading', { name: 'Check what clinic.db will change' })).toHaveFocus();
  await expect(priya.page.getByRole('list', { name: 'What the copy holds' }).getByRole('listitem').last()).toHaveText(
    '0 notes kept both ways',
  );
  await priya.page.getByRole('button', { name: /^Merge \d+ changes$/ }).click();
  await expect(banner(priya.page)).toContainText(/^Changes from Jane Director merged at \d\d:\d\d$/);
  await priya.page.getByRole('button', { name: 'Clinic', exact: true }).click();
  const hers = await openMeasure(priya.page, 'Contacts');
  await expect(noteBox(hers)).toHaveValue(together);
  await expect(hers.getByText(/^Also written by/)).toHaveCount(0);
});

test('a file of another clinic is refused in words, and neither file is changed; a cancelled merge writes nothing', async ({
  page,
  clinic,
}) => {
  const shared = path.join(clinic.dir, 'clinic.db');
  const stranger = path.join(clinic.dir, 'another clinic.db');
  const other = new ClinicApp();
  await other.createFile(stranger);
  other.close();
  const before = [sha(shared), sha(stranger)];
  await clinic.open();

  await page.getByRole('button', { name: 'Working together' }).click();
  clinic.pickFile(stranger);
  await page.getByRole('button', { name: 'Choose a copy to merge…' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('This copy cannot be merged');
  await expect(refusal).toContainText(
    'another clinic.db is not a copy of this clinic file (it began as a different file), so it cannot be merged into it. Neither file has been changed.',
  );
  expect([sha(shared), sha(stranger)]).toEqual(before);

  // A copy of this file, looked at and then cancelled, changes nothing either.
  const copy = path.join(clinic.dir, 'copy.db');
  clinic.app.saveCopy(copy);
  startClinic(clinic.app);
  clinic.app.checkpoint();
  const sharedNow = sha(shared);
  clinic.pickFile(copy);
  await page.getByRole('button', { name: 'Choose a copy to merge…' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(
    page.getByText(/^Nothing to merge: all \d+ changes in the copy are already in this file\.$/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Merge these changes' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Merge a copy back' })).toHaveFocus();
  await expect(page.getByTestId('announcer')).toContainText('Merge cancelled. Nothing has been changed.');
  expect(sha(shared)).toBe(sharedNow);
  await expect(banner(page).getByRole('status').filter({ hasText: /\S/ })).toHaveCount(0);
});

test('others’ changes merged while a note is being typed: the notice is read out, the other text appears beside the box, and the typing and focus stay', async ({
  page,
  clinic,
}) => {
  const november = startClinic(clinic.app);
  clinic.app.setPreferences({ displayName: 'Jane Director' });
  const laptop = path.join(clinic.dir, 'laptop.db');
  clinic.app.saveCopy(laptop);
  const priya = new ClinicApp();
  await priya.openFile(laptop);
  priya.setPreferences({ displayName: 'Priya Shah' });
  priya.meetings.saveNote(november.id, 'contacts', PRIYA_CONTACTS, 0);
  priya.close();
  await clinic.open();

  const contacts = await openMeasure(page, 'Contacts');
  await noteBox(contacts).fill(JANE_CONTACTS);
  await expect(noteStatus(contacts)).toHaveText(/^Saved at \d\d:\d\d$/);
  await noteBox(contacts).pressSequentially(' Still typing');

  // Merged elsewhere than this window (as a save that brings in others' changes will do).
  await clinic.app.sync.merge(laptop);
  await expect(
    banner(page)
      .getByRole('status')
      .filter({ hasText: /^Changes from Priya Shah merged at/ }),
  ).toBeVisible();
  await expect(contacts.getByText(/^Also written by Priya Shah at/)).toBeVisible();
  await expect(noteBox(contacts)).toHaveFocus();
  await expect(noteBox(contacts)).toHaveValue(`${JANE_CONTACTS} Still typing`);
  await noteBox(contacts).pressSequentially(', and more.');
  await expect(noteStatus(contacts)).toHaveText(/^Saved at \d\d:\d\d$/);
  const [note] = clinic.app.meetings.measureNotes('contacts');
  expect(note?.text).toBe(`${JANE_CONTACTS} Still typing, and more.`);
  expect(note?.also.map((a) => a.text)).toEqual([PRIYA_CONTACTS]);
});

test('two people with one shared file open at once: each sees the other’s note after a save, and is told whose changes came in', async ({
  page,
  clinic,
}) => {
  startClinic(clinic.app);
  clinic.app.setPreferences({ displayName: 'Jane Director' });
  clinic.app.checkpoint();
  await clinic.open();
  const priya = await clinic.openSecondInstance('Priya Shah');

  // Priya writes a note; her app saves into the shared file when she pauses (the shell's
  // checkpoint, played here by the test).
  await writeNote(priya.page, 'Contacts', PRIYA_CONTACTS);
  expect(priya.app.checkpoint()).toBe(true);
  // Jane's window brings it in at its next look at the shared file, says so, and shows the note.
  await expect(banner(page).getByRole('status').filter({ hasText: 'Changes from Priya Shah merged at' })).toBeVisible();
  const panel = await openMeasure(page, 'Contacts');
  await expect(noteBox(panel)).toHaveValue(PRIYA_CONTACTS);
  await panel.getByRole('button', { name: 'Close' }).click();

  // And back the other way.
  await writeNote(page, 'Referrals', JANE_CONTACTS);
  expect(clinic.app.checkpoint()).toBe(true);
  await expect(
    banner(priya.page).getByRole('status').filter({ hasText: 'Changes from Jane Director merged at' }),
  ).toBeVisible();
  const hers = await openMeasure(priya.page, 'Referrals');
  await expect(noteBox(hers)).toHaveValue(JANE_CONTACTS);
});

test('working offline: the banner says how many changes wait, and they merge in when the shared file is back', async ({
  page,
  clinic,
}) => {
  startClinic(clinic.app);
  clinic.app.setPreferences({ displayName: 'Jane Director' });
  clinic.app.checkpoint();
  // The clinic file on a shared drive: a folder of its own, which can go away.
  const drive = path.join(clinic.dir, 'shared drive');
  mkdirSync(drive);
  const shared = path.join(drive, 'clinic.db');
  copyFileSync(path.join(clinic.dir, 'clinic.db'), shared);
  await clinic.app.openFile(shared);
  await clinic.open();
  const priya = await clinic.openSecondInstance('Priya Shah', { file: shared, outbox: true });

  // The drive goes away (a laptop carried into a meeting room); Priya goes on writing.
  renameSync(drive, `${drive} (unreachable)`);
  await writeNote(priya.page, 'Contacts', PRIYA_CONTACTS);
  expect(priya.app.checkpoint()).toBe(false);
  await expect(
    banner(priya.page)
      .getByRole('status')
      .filter({ hasText: /^Working offline: \d+ changes? will be merged when the shared file is reachable$/ }),
  ).toBeVisible();
  // The one view no other test reaches, so axe looks at it here rather than in accessibility.spec.ts.
  expect(await violations(priya.page)).toEqual([]);

  // The drive is back: the next save merges what waited, and Jane's window shows it.
  renameSync(`${drive} (unreachable)`, drive);
  expect(priya.app.checkpoint()).toBe(true);
  await expect(
    banner(priya.page)
      .getByRole('status')
      .filter({ hasText: /^Working offline/ }),
  ).toHaveCount(0);
  await expect(banner(page).getByRole('status').filter({ hasText: 'Changes from Priya Shah merged at' })).toBeVisible();
  const panel = await openMeasure(page, 'Contacts');
  await expect(noteBox(panel)).toHaveValue(PRIYA_CONTACTS);
});
