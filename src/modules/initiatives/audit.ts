import type { AuditSubjects } from '#kernel/module.ts';
import { initiativesDb } from './repo.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the hub's audit records are about: an entry by its name, a feed by its entry, a request by its reference. */
export const initiativesAuditSubjects: AuditSubjects = {
  types: {
    'initiatives.initiative': 'initiatives:auditSubjects.initiative',
    'initiatives.feed': 'initiatives:auditSubjects.feed',
    'initiatives.resource-request': 'initiatives:auditSubjects.request',
  },
  describe: async (db, t, type, ids) => {
    const known = ids.filter((id) => uuid.test(id));
    if (known.length === 0) return new Map();
    const hub = initiativesDb(db);
    if (type === 'initiatives.initiative') {
      const rows = await hub.selectFrom('initiatives').select(['id', 'name']).where('id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, row.name]));
    }
    if (type === 'initiatives.feed') {
      const rows = await hub.selectFrom('initiative_feeds as f').innerJoin('initiatives as i', 'i.id', 'f.initiative_id').select(['f.id', 'i.name']).where('f.id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, t('initiatives:auditSubjects.feedOf', { name: row.name })]));
    }
    if (type === 'initiatives.resource-request') {
      const rows = await hub.selectFrom('initiative_resource_requests').select(['id', 'reference']).where('id', 'in', known).execute();
      return new Map(rows.map((row) => [row.id, t('initiatives:auditSubjects.requestNamed', { reference: row.reference })]));
    }
    return new Map();
  },
};
