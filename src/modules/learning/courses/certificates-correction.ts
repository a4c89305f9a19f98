import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { coursesDb } from './repo.ts';

/*
 * An attendance list taken again corrects the certificates it issued: whoever is no longer marked present
 * has their certificate withdrawn (kept, so its code answers "withdrawn" to whoever checks it, and sent to
 * nobody), and whoever is marked present again gets the same certificate back rather than a second one.
 */

export interface CertificateCorrection {
  withdrawn: number;
  restored: number;
}

/** Withdraws and restores the session's certificates after its attendance changed, in the caller's transaction. */
export async function correctCertificates(trx: Executor<KernelTables>, actor: Actor, sessionId: string, now: Date): Promise<CertificateCorrection> {
  const db = coursesDb(trx);
  const ofSession = (attended: boolean) => db.selectFrom('learning_registrations').select('id').where('session_id', '=', sessionId).where('attended', '=', attended);
  const withdrawn = await db
    .updateTable('learning_certificates')
    .set({ withdrawn_at: now })
    .where('registration_id', 'in', ofSession(false))
    .where('withdrawn_at', 'is', null)
    .returning(['code', 'user_id'])
    .execute();
  const restored = await db
    .updateTable('learning_certificates')
    .set({ withdrawn_at: null })
    .where('registration_id', 'in', ofSession(true))
    .where('withdrawn_at', 'is not', null)
    .returning(['code', 'user_id'])
    .execute();
  for (const [action, rows] of [['learning.certificate-withdrawn', withdrawn], ['learning.certificate-restored', restored]] as const) {
    for (const row of rows) await recordAudit(trx, { actor }, { action, subjectType: 'learning.certificate', subjectId: row.code, dataSubjectId: row.user_id });
  }
  return { withdrawn: withdrawn.length, restored: restored.length };
}
