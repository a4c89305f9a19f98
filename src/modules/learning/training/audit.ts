import type { AuditSubjects } from '#kernel/module.ts';
import { isUuid } from '#kernel/text.ts';
import { trainingDb } from './repo.ts';

/** What the training's audit records are about: a record by its requirement, a requirement by its title. */
export const trainingAuditSubjects: AuditSubjects = {
  types: {
    'learning.training': 'learning:training.auditSubjects.training',
    'learning.training-record': 'learning:training.auditSubjects.record',
    'learning.training-requirement': 'learning:training.auditSubjects.requirement',
  },
  describe: async (db, t, type, ids) => {
    if (type === 'learning.training-requirement') {
      const rows = await trainingDb(db).selectFrom('learning_training_requirements').select(['key', 'title_de']).where('key', 'in', [...ids]).execute();
      return new Map(rows.map((row) => [row.key, row.title_de]));
    }
    const known = ids.filter(isUuid);
    if (type !== 'learning.training-record' || known.length === 0) return new Map();
    const rows = await trainingDb(db)
      .selectFrom('learning_training_records as r')
      .innerJoin('learning_training_requirements as q', 'q.key', 'r.requirement_key')
      .select(['r.id', 'q.title_de'])
      .where('r.id', 'in', known)
      .execute();
    return new Map(rows.map((row) => [row.id, t('learning:training.auditSubjects.recordOf', { training: row.title_de })]));
  },
};
