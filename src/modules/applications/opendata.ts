import { todayInBerlin } from '#kernel/calendar.ts';
import { columnsUnder, defineDataset, type Row } from '#kernel/declarations/datasets.ts';
import { textIn } from './definition/texts.ts';
import { applicationsDb, publishedForms } from './repo.forms.ts';
import { periodStart, processingTimesOfAllOffices, type FormTimes } from './service.casework.times.ts';

/*
 * The processing times of online applications as open data: per form, over the last year, how many cases
 * the offices decided and how long that took, as the caseworkers' own report counts it (the days waiting
 * for the applicant not counted). Counts and days only, never a case; the times of a form with fewer than
 * `fewestDecided` decisions are left out, as a single decision's days could point at the person behind it.
 */

/** Below this many decisions in the period a form's times are not published, only its counts. */
export const fewestDecided = 5;

const noCases: Omit<FormTimes, 'formKey' | 'title' | 'targetDays'> = { decided: 0, medianDays: null, ninetiethDays: null, withinTarget: null, withdrawn: 0, open: 0, openOverTarget: 0, oldestOpenDays: null };

const column = columnsUnder('applications:casework.times.openData.columns');

export const processingTimesDataset = defineDataset({
  id: 'applications.processing-times',
  title: 'applications:casework.times.openData.title',
  description: 'applications:casework.times.openData.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'DAILY',
  themes: ['GOVE'],
  refresh: '20 5 * * *',
  schema: {
    primaryKey: ['form'],
    fields: [
      column('form', 'string', { constraints: { required: true } }),
      column('title', 'string', { constraints: { required: true } }),
      column('period_start', 'date', { constraints: { required: true } }),
      column('period_end', 'date', { constraints: { required: true } }),
      column('target_days', 'integer', { unit: 'days', constraints: { minimum: 1 } }),
      column('decided', 'integer', { unit: 'count', constraints: { required: true, minimum: 0 } }),
      column('median_days', 'integer', { unit: 'days', constraints: { minimum: 0 } }),
      column('ninetieth_percentile_days', 'integer', { unit: 'days', constraints: { minimum: 0 } }),
      column('within_target_percent', 'number', { unit: 'percent', constraints: { minimum: 0, maximum: 100 } }),
      column('withdrawn', 'integer', { unit: 'count', constraints: { required: true, minimum: 0 } }),
      column('open', 'integer', { unit: 'count', constraints: { required: true, minimum: 0 } }),
      column('open_over_target', 'integer', { unit: 'count', constraints: { required: true, minimum: 0 } }),
    ],
  },
  rows: async (db) => {
    const now = new Date();
    const from = todayInBerlin(periodStart(now));
    const to = todayInBerlin(now);
    const counted = await processingTimesOfAllOffices(db, 'de', now);
    // A form online without a case in the period is there with zeros, so a missing form is never a guess.
    const quiet = (await publishedForms(applicationsDb(db)))
      .filter((version) => !counted.some((form) => form.formKey === version.form_key))
      .map((version) => ({ ...noCases, formKey: version.form_key, title: textIn(version.definition.title, 'de'), targetDays: version.definition.targetDays ?? null }));
    return [...counted, ...quiet]
      .sort((a, b) => a.formKey.localeCompare(b.formKey))
      .map((form): Row => {
        const shown = form.decided >= fewestDecided;
        return {
          form: form.formKey,
          title: form.title,
          period_start: from,
          period_end: to,
          target_days: form.targetDays,
          decided: form.decided,
          median_days: shown ? form.medianDays : null,
          ninetieth_percentile_days: shown ? form.ninetiethDays : null,
          within_target_percent: shown && form.withinTarget !== null ? Math.round(form.withinTarget * 1000) / 10 : null,
          withdrawn: form.withdrawn,
          open: form.open,
          open_over_target: form.openOverTarget,
        };
      });
  },
});
