import type { AuditSubjects } from '#kernel/module.ts';
import { referencesOf } from './repo.casework.ts';
import { applicationsDb } from './repo.forms.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the module's audit records are about: a case, by its reference while it exists, else as "Antrag";
 * a draft entered for someone; a version of a form.
 */
export const applicationsAuditSubjects: AuditSubjects = {
  types: {
    'applications.case': 'applications:casework.auditSubjects.case',
    'applications.draft': 'applications:casework.auditSubjects.draft',
    'applications.form-version': 'applications:casework.auditSubjects.formVersion',
  },
  describe: async (db, t, type, ids) => {
    if (type !== 'applications.case') return new Map();
    const references = await referencesOf(applicationsDb(db), ids.filter((id) => uuid.test(id)));
    return new Map([...references].map(([id, reference]) => [id, t('applications:casework.auditSubjects.caseNamed', { reference })]));
  },
};
