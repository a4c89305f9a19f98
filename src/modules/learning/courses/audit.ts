import type { AuditSubjects } from '#kernel/module.ts';
import { isUuid } from '#kernel/text.ts';
import { coursesDb } from './repo.ts';

/** What the courses' audit records are about: a course by its title, a session by its course, a registration by its reference. */
export const coursesAuditSubjects: AuditSubjects = {
  types: {
    'learning.course': 'learning:auditSubjects.course',
    'learning.session': 'learning:auditSubjects.session',
    'learning.registration': 'learning:auditSubjects.registration',
    'learning.certificate': 'learning:auditSubjects.certificate',
  },
  describe: async (db, t, type, ids) => {
    const known = ids.filter(isUuid);
    if (known.length === 0) return new Map();
    if (type === 'learning.course') {
      const rows = await coursesDb(db).selectFrom('learning_courses').select(['id', 'title']).where('id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, row.title]));
    }
    if (type === 'learning.session') {
      const rows = await coursesDb(db).selectFrom('learning_sessions as s').innerJoin('learning_courses as c', 'c.id', 's.course_id').select(['s.id', 'c.title']).where('s.id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, t('learning:auditSubjects.sessionOf', { course: row.title })]));
    }
    if (type === 'learning.registration') {
      const rows = await coursesDb(db).selectFrom('learning_registrations').select(['id', 'reference']).where('id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, t('learning:auditSubjects.registrationNamed', { reference: row.reference })]));
    }
    return new Map();
  },
};
