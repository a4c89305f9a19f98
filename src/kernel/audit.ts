import type { TFunction } from 'i18next';
import { sql } from 'kysely';
import { actorId, actorLabel, type Actor } from './auth/actor.ts';
import type { Db, Executor } from './db/database.ts';
import type { KernelTables } from './db/tables.ts';

export interface AuditEntry {
  /** `<module>.<past-tense verb>`, e.g. `accounts.staff-created`, `accounts.profile-viewed`. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** The person whose data was read or changed, when there is one. */
  dataSubjectId?: string | null;
  reason?: string | null;
  meta?: Record<string, unknown>;
}

export interface AuditContext {
  actor: Actor;
  requestId?: string | null;
}

/**
 * Writes one audit record. Call it with the transaction of the change it documents, so there is never a
 * change without its record nor a record of a change that was rolled back.
 */
export async function recordAudit(db: Executor<KernelTables>, context: AuditContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actorId(context.actor),
      actor_label: actorLabel(context.actor),
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      data_subject_id: entry.dataSubjectId ?? null,
      reason: entry.reason ?? null,
      request_id: context.requestId ?? null,
      meta: JSON.stringify(entry.meta ?? {}),
    })
    .execute();
}

/** The records about one person, newest first; without a limit all of them, as the data download needs. */
export async function auditTrailOf(db: Executor<KernelTables>, dataSubjectId: string, limit?: number) {
  return db
    .selectFrom('audit_log')
    .select(['at', 'actor_id', 'actor_label', 'action', 'subject_type', 'reason', 'meta'])
    .where('data_subject_id', '=', dataSubjectId)
    .orderBy('at', 'desc')
    .$if(limit !== undefined, (q) => q.limit(limit!))
    .execute();
}

/**
 * Deletes records older than the cutoff: the retention rule, the one deletion the audit log admits. The
 * transaction declares itself to the append-only trigger, which refuses every other change.
 */
export async function purgeAuditLogBefore(db: Db, cutoff: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('erkelenz.audit_retention', 'on', true)`.execute(trx);
    const result = await trx.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

export interface AuditSearch {
  from: Date;
  to: Date;
  /** Actions starting with this, e.g. `notify.` or `accounts.staff-created`. */
  actionPrefix?: string;
  /** Records in which this account acted or whose data they touched. */
  personId?: string;
  limit: number;
  offset: number;
}

/** A page of the audit log for the back office, newest first, and how many records match in all. */
export async function searchAuditLog(db: Executor<KernelTables>, search: AuditSearch) {
  let query = db.selectFrom('audit_log').where('at', '>=', search.from).where('at', '<', search.to);
  if (search.actionPrefix) query = query.where('action', 'like', `${search.actionPrefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  const personId = search.personId;
  if (personId) query = query.where((eb) => eb.or([eb('data_subject_id', '=', personId), eb('actor_id', '=', personId)]));
  const counted = await query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['id', 'at', 'actor_id', 'actor_label', 'action', 'subject_type', 'subject_id', 'data_subject_id', 'reason', 'request_id'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(search.limit)
    .offset(search.offset)
    .execute();
  return { rows, total: Number(counted.count) };
}

/**
 * What an action means in words, for the person whose data it touched: `notify.message-viewed` reads
 * "Nachricht angesehen". Each module names its actions under `audit` in its texts; an action without a
 * label shows as its code rather than not at all.
 */
export function auditActionLabel(t: TFunction, action: string): string {
  const [module = '', ...rest] = action.split('.');
  return t(`${module}:audit.${rest.join('.')}`, { defaultValue: action });
}

/**
 * Who acted, in words, when no account name can be shown: the platform itself, a connected system, a
 * visitor, or an account that no longer exists.
 */
export function auditActorLabel(t: TFunction, label: string): string {
  const kind = label.split(':')[0] ?? '';
  return actorKinds.has(kind) ? t(`kernel:audit.actors.${kind}`) : label;
}

const actorKinds = new Set(['system', 'client', 'anonymous', 'staff', 'citizen']);
