import type { ColumnType, Generated } from 'kysely';

export type SavedAssessmentsTables = {
  learning_saved_assessments: {
    id: Generated<string>;
    user_id: string;
    /** The answers as `encodeState` writes them (`v1.p.1.1=2,…`). */
    answers: string;
    created_at: ColumnType<Date, Date | undefined, Date>;
  };
};
