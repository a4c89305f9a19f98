import { defineWorkflow, emit } from '#kernel/workflow/index.ts';
import { servicePublished } from './events.ts';
import { catalogDb, lockEntry, updateEntry } from './repo.ts';
import { addressOf, editCatalog } from './service.editing.ts';
import type { Entry } from './tables.ts';

export const entryStates = ['draft', 'published', 'withdrawn'] as const;
export type EntryState = (typeof entryStates)[number];

/**
 * Where an entry stands, read from its versions rather than kept in a column of its own: published while it
 * has a published version, withdrawn once it had one, a draft before it ever had one. So the state cannot
 * disagree with what citizens see.
 */
export function entryState(entry: Pick<Entry, 'published' | 'published_revision'>): EntryState {
  if (entry.published) return 'published';
  return entry.published_revision === null ? 'draft' : 'withdrawn';
}

/**
 * An entry of the catalogue going public and coming off again. Publishing a published entry again puts its
 * newer draft online. Whether a draft is complete enough to publish is the use case's check
 * (`service.publishing.ts`), since it reads other entries.
 */
export const entryWorkflow = defineWorkflow({
  id: 'catalog.entry',
  states: entryStates,
  transitions: {
    publish: {
      from: ['draft', 'published', 'withdrawn'],
      to: 'published',
      permission: editCatalog,
      audit: 'catalog.entry-published',
      events: (entry) => [emit(servicePublished, { entryId: entry.id, slug: entry.draft.slug, kind: entry.kind, version: entry.revision })],
    },
    unpublish: { from: ['published'], to: 'withdrawn', permission: editCatalog, audit: 'catalog.entry-unpublished' },
  },
  idOf: (entry: Entry) => entry.id,
  stateOf: entryState,
  load: (trx, id) => lockEntry(catalogDb(trx), id),
  // The address follows what citizens see: the published version's, or the draft's while none is online.
  moveTo: (trx, entry, change) =>
    updateEntry(
      catalogDb(trx),
      entry.id,
      change.to === 'published'
        ? { published: entry.draft, published_revision: entry.revision, published_at: new Date(), ...addressOf(entry.draft) }
        : { published: null, ...addressOf(entry.draft) },
    ),
  subject: (entry) => ({ subjectType: `catalog.${entry.kind}` }),
});

export type EntryTransition = keyof typeof entryWorkflow.definition.transitions;
