import type { ColumnType, Generated } from 'kysely';

/** A day read as 'YYYY-MM-DD' (the repo selects it through `to_char`) and written the same way. */
type Day = ColumnType<string, string, string>;

export type TrainingSource = 'course' | 'external';

export type TrainingTables = {
  learning_training_requirements: {
    key: string;
    title_de: string;
    title_en: string;
    description_de: Generated<string>;
    description_en: Generated<string>;
    /** Staff role ids; empty: every staff member. */
    roles: Generated<string[]>;
    valid_months: number;
    remind_days: Generated<number>;
    active: Generated<boolean>;
    demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  learning_training_records: {
    id: Generated<string>;
    user_id: string;
    requirement_key: string;
    completed_on: Day;
    expires_on: Day;
    source: TrainingSource;
    course_title: string;
    provider: string;
    certificate_file_id: string | null;
    certificate_filename: string | null;
    recorded_by: string | null;
    recorded_at: Generated<Date>;
    reminded_at: Date | null;
    demo: Generated<boolean>;
  };
};

/**
 * What this area reads of the courses' tables: a published staff course that fulfils a requirement, and
 * its open sessions, for the link to the next one.
 */
export type CourseLinkTables = {
  learning_courses: { id: string; slug: string; title: string; audience: string; training_key: string | null; published: boolean };
  learning_sessions: { id: string; course_id: string; starts_at: Date; status: string };
};
