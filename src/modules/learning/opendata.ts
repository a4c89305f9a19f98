import { columnsUnder, defineDataset, type Row } from '#kernel/declarations/datasets.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import { areaOf, type CompetenceCode } from './assessment/digcomp.ts';
import { coursesDb } from './courses/repo.ts';
import { trainingFigures } from './training/index.ts';

/*
 * Participation in courses and the standing of staff training as open data: counts only, never a person.
 * One row per session (places, how many registered, waited and came) with the course's DigComp areas and
 * competences, so the figures can be read per course and per area; one row per required training with how
 * many staff it applies to are current, due soon, expired or have none yet.
 */

const participationColumn = columnsUnder('learning:openData.participation.columns');
const trainingColumn = columnsUnder('learning:openData.training.columns');
const list = (values: readonly string[]) => values.join('|');

export const participationDataset = defineDataset({
  id: 'learning.participation',
  title: 'learning:openData.participation.title',
  description: 'learning:openData.participation.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'DAILY',
  themes: ['EDUC', 'SOCI'],
  refresh: '35 3 * * *',
  schema: {
    primaryKey: ['session'],
    fields: [
      participationColumn('session', 'string', { constraints: { required: true } }),
      participationColumn('course', 'string', { constraints: { required: true } }),
      participationColumn('title', 'string', { constraints: { required: true } }),
      participationColumn('audience', 'string', { constraints: { required: true } }),
      participationColumn('level', 'string', { constraints: { required: true } }),
      participationColumn('areas', 'string'),
      participationColumn('competences', 'string'),
      participationColumn('starts_on', 'date', { constraints: { required: true } }),
      participationColumn('status', 'string', { constraints: { required: true } }),
      participationColumn('capacity', 'integer', { constraints: { required: true } }),
      participationColumn('registered', 'integer', { constraints: { required: true } }),
      participationColumn('waiting', 'integer', { constraints: { required: true } }),
      participationColumn('attended', 'integer'),
      participationColumn('demo', 'boolean', { constraints: { required: true } }),
    ],
  },
  rows: async (db) => {
    const rows = await coursesDb(db)
      .selectFrom('learning_sessions as s')
      .innerJoin('learning_courses as c', 'c.id', 's.course_id')
      .leftJoin('learning_registrations as r', 'r.session_id', 's.id')
      .select(['s.id', 'c.slug', 'c.title', 'c.audience', 'c.level', 'c.competences', 's.starts_at', 's.status', 's.capacity', 'c.demo'])
      .select((eb) => [
        eb.fn.count<number>('r.id').filterWhere('r.status', '=', 'placed').as('placed'),
        eb.fn.count<number>('r.id').filterWhere('r.status', '=', 'waiting').as('waiting'),
        eb.fn.count<number>('r.id').filterWhere('r.attended', '=', true).as('attended'),
      ])
      .where('c.published', '=', true)
      .groupBy(['s.id', 'c.id'])
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .execute();
    return rows.map(
      (row): Row => ({
        session: row.id,
        course: row.slug,
        title: row.title,
        audience: row.audience,
        level: row.level,
        areas: list([...new Set(row.competences.map((code) => areaOf(code as CompetenceCode)))]),
        competences: list(row.competences),
        starts_on: todayInBerlin(row.starts_at),
        status: row.status,
        capacity: row.capacity,
        registered: Number(row.placed),
        waiting: Number(row.waiting),
        // Known once the trainer took attendance.
        attended: row.status === 'held' ? Number(row.attended) : null,
        demo: row.demo,
      }),
    );
  },
});

export const trainingDataset = defineDataset({
  id: 'learning.staff-training',
  title: 'learning:openData.training.title',
  description: 'learning:openData.training.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'DAILY',
  themes: ['GOVE', 'EDUC'],
  refresh: '40 3 * * *',
  schema: {
    primaryKey: ['training'],
    fields: [
      trainingColumn('training', 'string', { constraints: { required: true } }),
      trainingColumn('title', 'string', { constraints: { required: true } }),
      trainingColumn('as_of', 'date', { constraints: { required: true } }),
      trainingColumn('staff', 'integer', { constraints: { required: true } }),
      trainingColumn('current', 'integer', { constraints: { required: true } }),
      trainingColumn('expiring', 'integer', { constraints: { required: true } }),
      trainingColumn('expired', 'integer', { constraints: { required: true } }),
      trainingColumn('missing', 'integer', { constraints: { required: true } }),
    ],
  },
  rows: async (db) => {
    const now = new Date();
    const figures = await trainingFigures(db, now);
    return figures.map(
      (figure): Row => ({
        training: figure.key,
        title: figure.titleDe,
        as_of: todayInBerlin(now),
        staff: figure.appliesTo,
        current: figure.current,
        expiring: figure.expiring,
        expired: figure.expired,
        missing: figure.missing,
      }),
    );
  },
});

export const learningDatasets = [participationDataset, trainingDataset];
