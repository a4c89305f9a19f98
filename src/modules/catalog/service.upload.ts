import { text } from 'node:stream/consumers';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FileInfo } from '#kernel/files/types.ts';
import type { FormFile } from '#kernel/forms/index.ts';
import { transferCatalog } from './service.transfer.ts';

/** The largest catalogue file the back office takes; the whole Erkelenz catalogue is about 1 MB. */
export const maxCatalogUpload = 20 * 1024 * 1024;
/** Text has no signature: the store takes clean UTF-8 text as JSON, and parsing it is ours to do. */
export const catalogUploadTypes = ['application/json'] as const;

/** Why an uploaded file cannot be imported: not JSON, infected, or not scanned yet (the scanner is down). */
export type UploadFailure = { ok: false; reason: 'not-json' | 'infected' | 'scan-unavailable' };

/**
 * Reads the catalogue file uploaded in the back office, for `importCatalog`. The form put the file into the
 * kernel's file store while the body was parsed (`ctx.files.onFile`); it is read from there and never
 * referenced, so the store removes it after its grace period. With a virus scanner configured, the file is
 * scanned now rather than by the job: the editor is waiting for the answer.
 */
export async function readCatalogUpload(ctx: KernelContext, actor: Actor, upload: FormFile): Promise<{ ok: true; data: unknown } | UploadFailure> {
  ctx.permissions.require(actor, transferCatalog);
  const content = await readUpload(ctx, upload.file);
  if (typeof content !== 'string') return content;
  try {
    return { ok: true, data: JSON.parse(content) as unknown };
  } catch {
    return { ok: false, reason: 'not-json' };
  }
}

async function readUpload(ctx: KernelContext, file: FileInfo): Promise<string | UploadFailure> {
  if (file.status === 'pending') {
    const status = await ctx.files.scan(file.id).catch(() => null);
    if (status === null || status === 'pending') return { ok: false, reason: 'scan-unavailable' };
  }
  const opened = await ctx.files.open(file.id);
  if (opened.ok) return text(opened.content);
  if (opened.reason === 'infected') return { ok: false, reason: 'infected' };
  // Pending still, or gone between upload and reading (removed as unreferenced): the editor uploads again.
  return { ok: false, reason: 'scan-unavailable' };
}
