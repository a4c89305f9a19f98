import type { CatalogDb } from './repo.ts';
import { indexDocument, rebuildWords, removeFromIndex, type IndexDocument } from './repo.search.ts';
import type { Content, OfficeContent, ServiceContent, SituationContent } from './schemas.content.ts';
import type { Entry, EntryKind } from './tables.ts';

/** Where citizens find an entry of each kind. */
export const publicPath: Record<EntryKind, string> = { service: '/leistungen', office: '/dienststellen', situation: '/lebenslagen' };

const join = (...parts: (string | readonly string[])[]) => parts.flat().filter(Boolean).join('\n');

/** What of an entry the search reads: the citizen-facing sections, never editorial data. */
export function documentFor(kind: EntryKind, entryId: string, content: Content): IndexDocument {
  const base = { entryId, kind, url: `${publicPath[kind]}/${content.slug}`, title: content.title, summary: content.summary };
  switch (kind) {
    case 'service': {
      const service = content as ServiceContent;
      return {
        ...base,
        synonyms: service.synonyms.join(' '),
        keywords: service.keywords.join(' '),
        body: join(service.description, service.eligibility, service.requirements, service.documents, service.feesNote, service.deadlines, service.processingTime, service.legalBasis, service.notes),
        situationIds: service.lifeSituationIds,
        officeIds: service.officeId ? [service.officeId] : [],
      };
    }
    case 'office': {
      const office = content as OfficeContent;
      return { ...base, synonyms: '', keywords: '', body: join(office.description, `${office.street}, ${office.postalCode} ${office.city}`, office.hoursNote), situationIds: [], officeIds: [entryId] };
    }
    case 'situation': {
      const situation = content as SituationContent;
      return { ...base, synonyms: '', keywords: '', body: join(situation.description, situation.tips), situationIds: [entryId], officeIds: [] };
    }
  }
}

/** Brings the index in line with an entry: its published version is searchable, nothing else is. */
export async function reindex(db: CatalogDb, entry: Pick<Entry, 'id' | 'kind' | 'published'>, options: { words?: boolean } = {}): Promise<void> {
  if (entry.published) await indexDocument(db, documentFor(entry.kind, entry.id, entry.published));
  else await removeFromIndex(db, entry.id);
  if (options.words !== false) await rebuildWords(db);
}
