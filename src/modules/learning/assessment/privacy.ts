import type { PersonalDataSource, RetentionRule } from '#kernel/module.ts';
import { deleteAllOf, deleteSavedBefore, savedAssessmentsDb, savedOf } from './repo.saved.ts';
import { decodeState } from './state.ts';

/*
 * A saved self-assessment is kept two years from the day it was saved (saving the same answers again
 * counts as a new day), then deleted: long enough to compare with a later one, short enough that an
 * answer given long ago does not linger. The person can delete it any day before, and it goes with the
 * account.
 */

export const savedKeptYears = 2;

export const savedAssessmentsRetention: RetentionRule[] = [
  {
    id: 'learning.saved-assessments',
    description: 'learning:savedAssessment.retention',
    descriptionValues: () => ({ years: savedKeptYears }),
    table: 'learning_saved_assessments',
    columns: ['user_id', 'answers', 'created_at'],
    purge: async (db, now) => {
      const cutoff = new Date(now);
      cutoff.setUTCFullYear(cutoff.getUTCFullYear() - savedKeptYears);
      return deleteSavedBefore(savedAssessmentsDb(db), cutoff);
    },
  },
];

/**
 * The saved results in the data download: the answers as stored, and the same answers one by one (the
 * competence's DigComp number and the step chosen, 0 "not yet" to 4 "I develop solutions for others").
 */
export const savedAssessmentsPersonalData: PersonalDataSource = {
  export: async (db, userId) => {
    const rows = await savedOf(savedAssessmentsDb(db), userId);
    if (rows.length === 0) return {};
    return {
      savedSelfAssessments: rows.map((row) => {
        const state = decodeState(row.answers);
        return { savedAt: row.created_at, answers: row.answers, leichteSprache: state?.easy ?? null, answerPerCompetence: state?.answers ?? null };
      }),
    };
  },
  erase: async (db, userId) => {
    await deleteAllOf(savedAssessmentsDb(db), userId);
  },
};
