import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { FileOwner } from '#kernel/files/types.ts';
import type { RenderedBatch } from './letters.ts';

/*
 * A print batch's PDF and manifest live in the kernel's file store, referenced by the batch: both hold the
 * names and addresses of everyone in it, so both are personal (downloads audited, never cached).
 */

/** Far above any batch (2000 letters of a few pages each): the limit only guards against a runaway render. */
export const maxBatchBytes = 1024 * 1024 * 1024;

export interface BatchFiles {
  pdfFileId: string;
  manifestFileId: string;
}

export function batchOwner(batchId: string): FileOwner {
  return { module: 'notify', kind: 'print-batch', id: batchId };
}

/** Puts a rendered batch into the store, outside any transaction; the batch references the files when it is recorded. */
export async function putBatchFiles(ctx: KernelContext, rendered: Pick<RenderedBatch, 'pdf' | 'manifest'>): Promise<BatchFiles> {
  const pdf = await ctx.files.put(rendered.pdf, { accept: ['application/pdf'], maxBytes: maxBatchBytes });
  const manifest = await ctx.files.put(Buffer.from(rendered.manifest, 'utf8'), { accept: ['text/csv'], maxBytes: maxBatchBytes });
  // What the platform rendered itself is always taken; a refusal means the renderer is broken.
  if (!pdf.ok || !manifest.ok) throw new Error(`Print batch files refused by the file store: ${pdf.ok ? '' : pdf.reason} ${manifest.ok ? '' : manifest.reason}`);
  return { pdfFileId: pdf.file.id, manifestFileId: manifest.file.id };
}

/** The batch now uses these files and no others, in the caller's transaction. */
export async function referBatchTo(ctx: KernelContext, trx: Executor, batchId: string, files: BatchFiles | null): Promise<void> {
  await ctx.files.removeRefs(trx, batchOwner(batchId));
  for (const fileId of files ? [files.pdfFileId, files.manifestFileId] : []) {
    const ref = await ctx.files.addRef(trx, { fileId, owner: batchOwner(batchId), personal: true });
    if (!ref.ok) throw new Error(`Print batch ${batchId} file ${fileId}: ${ref.reason}`);
  }
}
