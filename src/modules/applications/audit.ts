import type { AuditSubjects } from '#kernel/module.ts';
import { referencesOf } from './repo.casework.ts';
import { applicationsDb } from './repo.forms.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the module's audit records are about: a case, by its reference while it exists, else as "Antrag". */
export const applicationsAuditSubjects: AuditSubjects = {
  types: { 'applications.case': 'applications:casework.auditSubjects.case' },
  describe: async (db, t, _type, ids) => {
    const references = await referencesOf(applicationsDb(db), ids.filter((id) => uuid.test(id)));
    return new Map([...references].map(([id, reference]) => [id, t('applications:casework.auditSubjects.caseNamed', { reference })]));
  },
};
