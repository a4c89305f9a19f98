import { sql, type Selectable } from 'kysely';
import type { AnyExecutor, Db, Executor } from '../db/database.ts';
import type { FilesTables } from './tables.ts';
import type { FileInfo, FileOwner, FileRefInput, FileStatus } from './types.ts';

type FileRow = Selectable<FilesTables['files']>;

/** The store's tables through any executor, whatever tables the caller's transaction knows. */
export function filesDb(db: AnyExecutor): Executor<FilesTables> {
  return db;
}

export function toInfo(row: FileRow): FileInfo {
  return {
    id: row.id,
    size: Number(row.size),
    mediaType: row.media_type,
    extension: row.extension,
    status: row.status,
    scanner: row.scanner,
    signature: row.signature,
    scannedAt: row.scanned_at,
    createdAt: row.created_at,
  };
}

export async function findFiles(db: AnyExecutor, ids: readonly string[]): Promise<FileInfo[]> {
  if (ids.length === 0) return [];
  const rows = await filesDb(db).selectFrom('files').selectAll().where('id', 'in', ids).execute();
  return rows.map(toInfo);
}

/**
 * Marks the file as just used and returns its status, or undefined when there is no such file. The update
 * locks the row, so a removal of unreferenced files running at the same time either waits and then sees
 * the fresh time, or has finished and this finds nothing.
 */
export async function touchFile(db: AnyExecutor, id: string): Promise<FileStatus | undefined> {
  const row = await filesDb(db).updateTable('files').set({ touched_at: sql`now()` }).where('id', '=', id).returning('status').executeTakeFirst();
  return row?.status;
}

/** Records a new file; false when another upload of the same bytes recorded it first. */
export async function insertFile(db: AnyExecutor, file: { id: string; size: number; mediaType: string; extension: string; status: FileStatus; scanner: string | null }): Promise<boolean> {
  const inserted = await filesDb(db)
    .insertInto('files')
    .values({ id: file.id, size: file.size, media_type: file.mediaType, extension: file.extension, status: file.status, scanner: file.scanner })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function markScanned(db: AnyExecutor, id: string, result: { status: 'clean' | 'infected'; scanner: string; signature?: string }): Promise<boolean> {
  const updated = await filesDb(db)
    .updateTable('files')
    .set({ status: result.status, scanner: result.scanner, signature: result.signature ?? null, scanned_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function insertRef(db: AnyExecutor, ref: FileRefInput): Promise<void> {
  await filesDb(db)
    .insertInto('file_refs')
    .values({
      file_id: ref.fileId,
      module_id: ref.owner.module,
      owner_kind: ref.owner.kind,
      owner_id: ref.owner.id,
      personal: ref.personal,
      data_subject_id: ref.dataSubjectId ?? null,
    })
    .onConflict((oc) => oc.columns(['file_id', 'module_id', 'owner_kind', 'owner_id']).doUpdateSet({ personal: ref.personal, data_subject_id: ref.dataSubjectId ?? null }))
    .execute();
}

export async function deleteRefs(db: AnyExecutor, owner: FileOwner, fileId?: string): Promise<number> {
  const result = await filesDb(db)
    .deleteFrom('file_refs')
    .where('module_id', '=', owner.module)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .$if(fileId !== undefined, (q) => q.where('file_id', '=', fileId!))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether any reference marks the file personal, and the people it is about. */
export async function personalRefsOf(db: AnyExecutor, fileId: string): Promise<{ personal: boolean; dataSubjects: string[] }> {
  const rows = await filesDb(db).selectFrom('file_refs').select(['data_subject_id']).where('file_id', '=', fileId).where('personal', '=', true).execute();
  const dataSubjects = [...new Set(rows.flatMap((row) => (row.data_subject_id ? [row.data_subject_id] : [])))];
  return { personal: rows.length > 0, dataSubjects };
}

export async function refsOf(db: AnyExecutor, owner: FileOwner): Promise<string[]> {
  const rows = await filesDb(db)
    .selectFrom('file_refs')
    .select('file_id')
    .where('module_id', '=', owner.module)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.file_id);
}

/** Files without a reference, untouched since the cutoff: candidates for removal. */
export async function unreferencedSince(db: Db, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await filesDb(db)
    .selectFrom('files')
    .select('id')
    .where('touched_at', '<', cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('file_refs').select('file_id').whereRef('file_refs.file_id', '=', 'files.id'))))
    .orderBy('touched_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Deletes the record if it is still unreferenced and untouched since the cutoff; true when it did. */
export async function deleteIfUnreferenced(db: AnyExecutor, id: string, cutoff: Date): Promise<boolean> {
  const result = await filesDb(db)
    .deleteFrom('files')
    .where('id', '=', id)
    .where('touched_at', '<', cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('file_refs').select('file_id').whereRef('file_refs.file_id', '=', 'files.id'))))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
