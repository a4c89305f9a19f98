import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit.ts';
import type { Db } from '../db/database.ts';
import { HttpProblem } from '../http/problem.ts';
import { contentDisposition, downloadName } from './disposition.ts';
import { findFiles, personalRefsOf } from './repo.ts';
import type { FileStorage } from './storage.ts';

export interface SendOptions {
  fileId: string;
  /** The name the person saves it under, e.g. "Bescheid.pdf"; cleaned and given a fitting extension. */
  filename: string;
  /** Who downloads it, for the audit record. */
  actor: Actor;
  /**
   * The person the file is about. Given, the download is audited for them and never cached; left out, the
   * file counts as personal if any reference marks it so, and the audit names the people those references name.
   */
  dataSubjectId?: string | null;
  /** The audit action; modules may name their own (`notify.attachment-downloaded`). */
  action?: string;
}

/**
 * Sends a clean file as a download no browser renders in place: attachment, nosniff, and a policy that
 * allows nothing, for the case a browser shows it after all. Refusals are thrown as HttpProblems, which the
 * error handler renders in the person's language.
 */
export async function sendFile(parts: { db: Db; storage: FileStorage }, reply: FastifyReply, options: SendOptions): Promise<FastifyReply> {
  const [file] = await findFiles(parts.db, [options.fileId]);
  if (!file) throw new HttpProblem(404, 'kernel:errors.notFound.body');
  if (file.status === 'pending') throw new HttpProblem(409, 'kernel:files.download.pending');
  if (file.status === 'infected') throw new HttpProblem(409, 'kernel:files.download.infected');
  const content = await parts.storage.open(file.id);
  const refs = await personalRefsOf(parts.db, file.id);
  const personal = Boolean(options.dataSubjectId) || refs.personal;
  const name = downloadName(options.filename, file.mediaType, file.extension);
  if (personal) {
    await auditDownload(parts.db, reply, options, { id: file.id, name, mediaType: file.mediaType, size: file.size }, refs.dataSubjects).catch((error: unknown) => {
      content.destroy();
      throw error;
    });
  }
  const textual = file.mediaType.startsWith('text/') || file.mediaType === 'application/json';
  return reply
    .header('content-type', textual ? `${file.mediaType}; charset=utf-8` : file.mediaType)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', personal ? 'no-store' : 'private, no-cache')
    .send(content);
}

/** One record per person the file is about, so each sees the download among the readings of their data. */
async function auditDownload(db: Db, reply: FastifyReply, options: SendOptions, file: { id: string; name: string; mediaType: string; size: number }, refSubjects: string[]) {
  const subjects = options.dataSubjectId ? [options.dataSubjectId] : refSubjects.length > 0 ? refSubjects : [null];
  await db.transaction().execute(async (trx) => {
    for (const dataSubjectId of subjects) {
      await recordAudit(trx, { actor: options.actor, requestId: reply.request.id }, {
        action: options.action ?? 'kernel.file-downloaded',
        subjectType: 'file',
        subjectId: file.id,
        dataSubjectId,
        meta: { filename: file.name, mediaType: file.mediaType, size: file.size },
      });
    }
  });
}
