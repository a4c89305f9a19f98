import type { AuditSubjects } from '#kernel/module.ts';
import { catalogDb, entriesByIds } from './repo.ts';
import { entryKinds } from './tables.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the catalogue's audit records are about, for the audit log: an entry by its kind and title, a link
 * check by the entry it checked. An entry deleted since shows as its kind.
 */
export const catalogAuditSubjects: AuditSubjects = {
  types: {
    ...Object.fromEntries(entryKinds.map((kind) => [`catalog.${kind}`, `catalog:auditSubjects.${kind}`])),
    catalog: 'catalog:auditSubjects.catalog',
    'catalog.links': 'catalog:auditSubjects.links',
  },
  describe: async (db, t, type, ids) => {
    const entries = await entriesByIds(catalogDb(db), ids.filter((id) => uuid.test(id)));
    return new Map(
      entries.map((entry) => [
        entry.id,
        type === 'catalog.links' ? t('catalog:auditSubjects.linksOf', { title: entry.title }) : t('catalog:auditSubjects.named', { kind: t(`catalog:auditSubjects.${entry.kind}`), title: entry.title }),
      ]),
    );
  },
};
