/**
 * The README screenshots, taken from the built renderer over the October 2023 sample. Run by
 * scripts/screenshots.mjs with playwright.screenshots.config.ts; the normal test run skips this file.
 * The clock is fixed so the dates and "Saved at" times are the same on every run.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { shiftHistoryCsv } from '../support/spc-history';
import { measureButton } from './clinic-page';
import { expect, test } from './fixtures';
import { raise, twoClinics } from './seed';

const outDir = path.resolve(__dirname, '../../docs/screenshots');

test('clinic and measure detail screenshots', async ({ page, clinic }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await clinic.open();
  await expect(page.getByRole('table')).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'clinic.png') });

  await measureButton(page, 'Decisions within 1 working day').click();
  await expect(page.getByRole('dialog').getByRole('img')).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'measure-detail.png') });
});

test('a clinic meeting, a measure’s note and actions, the action log and a new clinic', async ({ page, clinic }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { november } = twoClinics(clinic.app, clinic.setClock);
  const m = clinic.app.meetings;
  clinic.setClock(new Date('2023-11-09T10:42:00Z'));
  m.saveNote(
    november.id,
    'decisions_1wd',
    'Up to 55%, still well short of 80%. The agency workers started on 6 November, so the effect should show in the November figures. The Director asked for weekly figures until it is above 70%.',
    0,
  );
  m.saveNote(
    november.id,
    're_referrals_12m',
    'The audit found most re-referrals follow cases closed without a step-down to early help.',
    0,
  );
  raise(
    clinic.app,
    november,
    'decisions_1wd',
    'Send the Director weekly decision times until they are above 70%',
    'Sam Okafor, Head of Service, Front Door',
    '2023-12-07',
  );
  raise(
    clinic.app,
    november,
    're_referrals_12m',
    'Bring a step-down to early help checklist to the December clinic',
    'Amira Haddad, Quality Assurance Manager',
    '2023-12-07',
  );
  const agenda = m.getClinicView(november.id).agenda.map((a) => a.measure);
  const first = ['decisions_1wd', 're_referrals_12m', 'care_leavers_eet'];
  m.saveAgenda(november.id, [...first, ...agenda.filter((k) => !first.includes(k))]);
  for (const key of ['decisions_1wd', 're_referrals_12m']) m.setDiscussed(november.id, key, true);
  clinic.setClock(new Date('2023-11-09T11:20:00Z'));

  // Taller, like a meeting-room screen, so the agenda shows below the clinic's header.
  await page.setViewportSize({ width: 1440, height: 1200 });
  await clinic.open();
  await page.getByRole('radio', { name: 'As agenda' }).check();
  await expect(page.getByRole('table')).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'clinic-meeting.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  await measureButton(page, 'Decisions within 1 working day').click();
  const panel = page.getByRole('dialog');
  await expect(panel.getByRole('heading', { name: 'Actions for this measure' })).toBeVisible();
  // Scroll the panel so the note is at the top, with the actions below it.
  await panel.locator('.measure-record').evaluate((section) => section.scrollIntoView({ block: 'start' }));
  // The sticky panel header covers the top of the section once scrolled; step back by its height.
  await panel.evaluate((dialog) => dialog.scrollBy(0, -110));
  await page.screenshot({ path: path.join(outDir, 'note-and-actions.png') });
  await panel.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Action log' }).click();
  await page.getByRole('button', { name: /DPC-2023-10-01/ }).click();
  await expect(page.getByRole('list', { name: 'Updates to DPC-2023-10-01' })).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'action-log.png') });

  await page.getByRole('button', { name: 'Clinic', exact: true }).click();
  await page.getByRole('button', { name: 'New clinic' }).click();
  await page.getByLabel('Date of the clinic').fill('2023-12-07');
  await page.getByLabel('Chair').fill('Priya Shah, Director of Children’s Services');
  await page
    .getByLabel('Attendees')
    .fill('Sam Okafor, Head of Service, Front Door\nJo Lee, Head of Service, Children in Care');
  await page.screenshot({ path: path.join(outDir, 'new-clinic.png') });
});

test('signal or noise: a measure with a shift, its chart and the sentences', async ({ page, clinic }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  clinic.setClock(new Date('2023-11-09T10:00:00Z'));
  clinic.app.setPreferences({ displayName: 'Ana Performance' });
  const csv = path.join(clinic.dir, 'decisions-history.csv');
  writeFileSync(csv, shiftHistoryCsv());
  await clinic.app.imports.importFile(csv);
  clinic.app.spc.annotate('decisions_1wd', '2023-03', 'Front door moved to two hubs');
  await clinic.open();
  await measureButton(page, 'Decisions within 1 working day').click();
  const panel = page.getByRole('dialog');
  await expect(panel.getByRole('img', { name: /flagged as special cause/ })).toBeVisible();
  await panel.getByRole('heading', { name: 'Signal or noise' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await panel.evaluate((dialog) => dialog.scrollBy(0, -110));
  await page.screenshot({ path: path.join(outDir, 'signal-or-noise.png') });
});

test('the performance report for scrutiny, with an edited paragraph and one that needs a person', async ({
  page,
  clinic,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  clinic.setClock(new Date('2023-11-20T10:42:00Z'));
  clinic.app.setPreferences({ displayName: 'Jane Murphy' });
  clinic.app.scrutiny.saveParagraph({
    period: '2023-10',
    item: 're_referrals_12m',
    text: 'The percentage of re-referrals within 12 months was 28.4% at the end of October, above the target of 20%, where lower is better, and above the national average of 21.5%. Every repeat referral is now reviewed by a team manager.',
  });
  await clinic.open();
  await page.getByRole('button', { name: 'Report' }).click();
  const para = page.locator('[data-item="decisions_2wd"]');
  await expect(para).toBeVisible();
  await para.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 120);
  await page.screenshot({ path: path.join(outDir, 'report.png') });
});

test('the headlines a file opens on, a drilldown to a team, and the weekly exception report', async ({
  page,
  clinic,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await clinic.open({ on: 'headlines' });
  await expect(page.locator('button[data-headline-key]').first()).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'headlines.png') });

  const title = 'Initial assessment visits within 5 working days';
  await page.getByRole('button', { name: 'Clinic', exact: true }).click();
  await page.getByRole('button', { name: `By team: ${title}` }).click();
  await page.getByRole('button', { name: 'Assessment Team North: 4 workers' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(`${title}: Assessment Team North`);
  await page.screenshot({ path: path.join(outDir, 'drilldown.png') });

  await page.getByRole('button', { name: 'Exceptions', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await page.screenshot({ path: path.join(outDir, 'exceptions.png') });
});
