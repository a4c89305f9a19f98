import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from '#kernel/db/tables.ts';
import type { Content } from './schemas.content.ts';

export const entryKinds = ['service', 'office', 'situation'] as const;
export type EntryKind = (typeof entryKinds)[number];

type Json<T> = ColumnType<T, T | string, T | string>;

export type HistoryAction = 'created' | 'saved' | 'published' | 'unpublished' | 'imported';

export type CatalogTables = {
  catalog_entries: {
    id: Generated<string>;
    kind: EntryKind;
    /** The address citizens use: the published slug, or the draft's while the entry was never published. */
    slug: string;
    /** Title and sort key of what citizens see, or of the draft while unpublished. */
    title: string;
    sort_key: string;
    draft: Json<Content>;
    revision: Generated<number>;
    published: Json<Content | null>;
    published_revision: number | null;
    published_at: Timestamp | null;
    /** Seeded demonstration data, shown as such to editors. */
    demo: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  catalog_history: {
    id: Generated<number>;
    entry_id: string;
    at: Generated<Date>;
    action: HistoryAction;
    revision: number;
    actor_id: string | null;
    actor_label: string;
    /** The editor's name when the change was made, so the history reads without a join to accounts. */
    actor_name: string | null;
    changed: ColumnType<string[], string[] | undefined, string[]>;
    content: Json<Content | null>;
  };
  catalog_link_checks: {
    url: string;
    ok: boolean;
    status: number | null;
    problem: string | null;
    checked_at: Timestamp;
  };
};

export type Entry = Selectable<CatalogTables['catalog_entries']>;
export type HistoryRow = Selectable<CatalogTables['catalog_history']>;
export type LinkCheck = Selectable<CatalogTables['catalog_link_checks']>;
