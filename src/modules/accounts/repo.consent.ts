import { actorId, type Actor } from '#kernel/auth/actor.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { accountsDb } from './repo.ts';
import type { ConsentChannel, ConsentDecision } from './tables.ts';

/*
 * The consent ledger every module writes to: who agreed to what, in which words, when and how; and who
 * withdrew it. One row per decision, never changed (the table refuses updates), so the city can show what a
 * person agreed to at any moment (GDPR Art. 7(1)). The subject is the module's record of the person (an
 * account, or for someone without one, say, an initiative's maintainer), so a guest's consent is kept too.
 */

export interface ConsentSubject {
  /** The module that asks for the consent and owns the subject's record. */
  module: string;
  /** `user` for an account, or the module's own kind of record. */
  type: string;
  id: string;
}

export interface ConsentEntry {
  subject: ConsentSubject;
  /** The account the subject belongs to, when there is one: its data download shows the entry. */
  userId?: string | null;
  /** `<module>.<what for>`, e.g. `initiatives.publish-entry`. */
  purpose: string;
  decision: ConsentDecision;
  /** The words the person agreed to, as shown to them: the proof of what the consent covers. */
  wording: string;
  language: string;
  channel: ConsentChannel;
  /** Who wrote the entry: the person themselves, or staff for consent given at the counter, by phone or letter. */
  actor: Actor;
}

/** Appends one decision. Call it in the transaction of the record the consent belongs to. */
export async function recordConsent(db: Executor<KernelTables>, entry: ConsentEntry): Promise<void> {
  await accountsDb(db)
    .insertInto('consent_ledger')
    .values({
      module: entry.subject.module,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      user_id: entry.userId ?? null,
      purpose: entry.purpose,
      decision: entry.decision,
      wording: entry.wording,
      language: entry.language,
      channel: entry.channel,
      recorded_by: actorId(entry.actor),
    })
    .execute();
}

/** Whether the subject's consent to the purpose holds now: the newest decision; none is no consent. */
export async function consentHolds(db: Executor<KernelTables>, subject: ConsentSubject, purpose: string): Promise<boolean> {
  const newest = await accountsDb(db)
    .selectFrom('consent_ledger')
    .select('decision')
    .where('module', '=', subject.module)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('purpose', '=', purpose)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest?.decision === 'given';
}

/** Every decision about the subject, oldest first, for the record's page and the person's data download. */
export async function consentHistory(db: Executor<KernelTables>, subject: ConsentSubject) {
  return accountsDb(db)
    .selectFrom('consent_ledger')
    .select(['purpose', 'decision', 'wording', 'language', 'channel', 'recorded_at'])
    .where('module', '=', subject.module)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .orderBy('id')
    .execute();
}

/** Every decision linked to an account, oldest first: the data download's section. */
export async function consentsOfUser(db: Executor<KernelTables>, userId: string) {
  return accountsDb(db)
    .selectFrom('consent_ledger')
    .select(['module', 'subject_type', 'subject_id', 'purpose', 'decision', 'wording', 'language', 'channel', 'recorded_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** The ids of a module's subjects of one type that have entries, for its retention rule to find those it no longer keeps. */
export async function consentSubjectIds(db: Executor<KernelTables>, module: string, type: string): Promise<string[]> {
  const rows = await accountsDb(db).selectFrom('consent_ledger').select('subject_id').distinct().where('module', '=', module).where('subject_type', '=', type).execute();
  return rows.map((row) => row.subject_id);
}

/**
 * Removes every entry of these subjects, once their records are gone: nothing is processed on the consent
 * any more, so there is nothing left to prove. The only way rows leave the ledger besides the account's deletion.
 */
export async function forgetConsents(db: Executor<KernelTables>, module: string, type: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await accountsDb(db)
    .deleteFrom('consent_ledger')
    .where('module', '=', module)
    .where('subject_type', '=', type)
    .where('subject_id', 'in', [...ids])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
