import type { ColumnType } from 'kysely';
import type { Timestamp } from '../db/tables.ts';

/** The kernel's event tables; repos reach them through `db.withTables<EventTables>()`. */
export type EventTables = {
  events: {
    id: string;
    name: string;
    version: number;
    payload: ColumnType<unknown, string, never>;
    published_at: Timestamp;
  };
  event_deliveries: {
    event_id: string;
    subscriber: string;
    delivered_at: Timestamp;
  };
};
