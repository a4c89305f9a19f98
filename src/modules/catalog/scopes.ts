import type { ScopeKind } from '#kernel/auth/roles.ts';
import { catalogDb, entriesOfKind } from './repo.ts';

/**
 * Offices as a scope roles can be bound to: a role another module declares with `scope: 'office'` is
 * granted for one office and counts only there. Unpublished offices are offered too, since staff can be
 * assigned before an office's page goes public.
 */
export const officeScope: ScopeKind = {
  id: 'office',
  label: 'catalog:scopes.office',
  options: async (db) => (await entriesOfKind(catalogDb(db), 'office')).map((entry) => ({ id: entry.id, label: entry.draft.title })),
};
