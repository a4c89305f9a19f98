import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { FileRefInput } from '#kernel/files/types.ts';
import { attachmentTypes, maxAttachmentBytes, messageOwner } from './attachments.ts';
import { batchOwner, maxBatchBytes } from './batch-files.ts';
import { markAttachmentMoved, markBatchMoved, unmovedAttachments, unmovedBatches } from './repo.move.ts';
import { notifyDb } from './repo.templates.ts';

/*
 * Attachments and print batches written before notify kept its files in the kernel's file store hold their
 * bytes in the database. This puts them into the store and empties those columns. A migration cannot do
 * it (migrations never call the store), so the job `notify.move-stored-files` runs it every quarter of an
 * hour, with nothing to do once all is moved, and operators can run it at once with
 * `npm run cli -- notify-move-files`. Until a row is moved, its file is not handed out: an e-mail waits
 * for it, a download answers that it will be back shortly.
 */

export interface MoveReport {
  attachments: number;
  batches: number;
  /** Rows the store would not take (content that is not what notify sends), left as they are for an operator. */
  refused: { kind: 'attachment' | 'print-batch'; id: string; reason: string }[];
}

/** Rows read at once: up to five attachments of 5 MB each, or a few batches, in memory at a time. */
const slice = 5;

export async function moveStoredFiles(ctx: KernelContext): Promise<MoveReport> {
  const report: MoveReport = { attachments: 0, batches: 0, refused: [] };
  await moveAttachments(ctx, report);
  await moveBatches(ctx, report);
  return report;
}

async function moveAttachments(ctx: KernelContext, report: MoveReport): Promise<void> {
  const db = notifyDb(ctx.db);
  for (let after: string | null = null; ; ) {
    const rows = await unmovedAttachments(db, after, slice);
    if (rows.length === 0) return;
    for (const row of rows) {
      after = row.id;
      // Text sent as CSV stays CSV (text has no signature to tell); otherwise the content decides the type.
      const accept = row.content_type === 'text/csv' ? attachmentTypes.filter((type) => type !== 'text/plain') : attachmentTypes;
      const put = await ctx.files.put(row.content!, { accept, maxBytes: maxAttachmentBytes });
      if (!put.ok) {
        report.refused.push({ kind: 'attachment', id: row.id, reason: put.reason });
        continue;
      }
      const moved = await ctx.db.transaction().execute(async (trx) => {
        if (!(await markAttachmentMoved(notifyDb(trx), row.id, put.file))) return false;
        await refer(ctx, trx, { fileId: put.file.id, owner: messageOwner(row.message_id), personal: true, dataSubjectId: row.user_id });
        return true;
      });
      if (moved) report.attachments += 1;
    }
  }
}

async function moveBatches(ctx: KernelContext, report: MoveReport): Promise<void> {
  const db = notifyDb(ctx.db);
  for (let after: string | null = null; ; ) {
    const batches = await unmovedBatches(db, after, slice);
    if (batches.length === 0) return;
    for (const batch of batches) {
      after = batch.id;
      const pdf = batch.pdf ? await ctx.files.put(batch.pdf, { accept: ['application/pdf'], maxBytes: maxBatchBytes }) : null;
      const manifest = batch.manifest ? await ctx.files.put(Buffer.from(batch.manifest, 'utf8'), { accept: ['text/csv'], maxBytes: maxBatchBytes }) : null;
      const refusal = [pdf, manifest].find((put) => put && !put.ok);
      if (refusal && !refusal.ok) {
        report.refused.push({ kind: 'print-batch', id: batch.id, reason: refusal.reason });
        continue;
      }
      const files = { pdfFileId: pdf?.ok ? pdf.file.id : null, manifestFileId: manifest?.ok ? manifest.file.id : null };
      const moved = await ctx.db.transaction().execute(async (trx) => {
        if (!(await markBatchMoved(notifyDb(trx), batch.id, batch.revision, files))) return false;
        for (const put of [pdf, manifest]) if (put?.ok) await refer(ctx, trx, { fileId: put.file.id, owner: batchOwner(batch.id), personal: true });
        return true;
      });
      if (moved) report.batches += 1;
    }
  }
}

async function refer(ctx: KernelContext, trx: Executor, ref: FileRefInput): Promise<void> {
  const added = await ctx.files.addRef(trx, ref);
  if (!added.ok) throw new Error(`Moved file ${ref.fileId}: ${added.reason}`);
}
