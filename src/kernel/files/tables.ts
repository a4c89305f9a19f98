import type { Generated } from 'kysely';
import type { Timestamp } from '../db/tables.ts';
import type { FileStatus } from './types.ts';

export interface FilesTables {
  files: {
    /** SHA-256 of the stored bytes, hex. */
    id: string;
    size: number;
    media_type: string;
    extension: string;
    status: FileStatus;
    scanner: string | null;
    signature: string | null;
    scanned_at: Timestamp | null;
    created_at: Generated<Date>;
    /** Last put or reference; an unreferenced file is removed once this is older than the grace period. */
    touched_at: Generated<Date>;
  };
  file_refs: {
    file_id: string;
    module_id: string;
    owner_kind: string;
    owner_id: string;
    personal: boolean;
    data_subject_id: string | null;
    created_at: Generated<Date>;
  };
}
