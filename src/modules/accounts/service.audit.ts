import type { TFunction } from 'i18next';
import { recordAudit, searchAuditLog } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { addDays, berlinDay, isCalendarDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { accountsDb, displayNames, findUserByEmail } from './repo.ts';
import type { AuditQuery } from './schemas.ts';

/*
 * The audit log for administrators and the data protection officer's questions: who did what, and whose
 * data was read or changed, by period, kind of action and person. Reading it is itself recorded, since the
 * log names people.
 */

export const readAuditLog = 'accounts.read-audit-log';
export const auditPageSize = 50;
const defaultDays = 7;
const maxDays = 366;

export interface AuditFilter {
  from: string;
  to: string;
  action: string;
  person: string;
  page: number;
}

export type AuditLogResult =
  | { ok: true; filter: AuditFilter; total: number; pages: number; rows: AuditRow[] }
  | { ok: false; filter: AuditFilter; errors: FieldErrors };

export interface AuditRow {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  subject: string;
  dataSubject: string | null;
  reason: string | null;
  requestId: string | null;
}

export async function auditLog(ctx: KernelContext, actor: Actor, t: TFunction, query: AuditQuery): Promise<AuditLogResult> {
  ctx.permissions.require(actor, readAuditLog);
  const today = todayInBerlin();
  const filter: AuditFilter = {
    from: query.from || addDays(today, 1 - defaultDays),
    to: query.to || today,
    action: (query.action ?? '').trim(),
    person: (query.person ?? '').trim(),
    page: query.page ?? 1,
  };
  const errors: FieldErrors = {};
  if (!isCalendarDay(filter.from)) errors.from = t('accounts:auditLog.dayInvalid');
  if (!isCalendarDay(filter.to)) errors.to = t('accounts:auditLog.dayInvalid');
  if (!errors.from && !errors.to) {
    if (filter.from > filter.to) errors.to = t('accounts:auditLog.toBeforeFrom');
    else if (filter.to > addDays(filter.from, maxDays - 1)) errors.to = t('accounts:auditLog.tooLong', { days: maxDays });
  }
  let personId: string | undefined;
  if (filter.person) {
    const email = normaliseEmail(filter.person);
    const person = email ? await findUserByEmail(accountsDb(ctx.db), email) : undefined;
    if (!person) errors.person = t('accounts:auditLog.personUnknown');
    personId = person?.id;
  }
  if (Object.keys(errors).length > 0) return { ok: false, filter, errors };

  const { rows, total } = await searchAuditLog(ctx.db, {
    from: berlinDay(filter.from).from,
    to: berlinDay(filter.to).to,
    actionPrefix: filter.action || undefined,
    personId,
    limit: auditPageSize,
    offset: (filter.page - 1) * auditPageSize,
  });
  const names = await displayNames(accountsDb(ctx.db), rows.flatMap((row) => [row.actor_id, row.data_subject_id].filter((id): id is string => id !== null)));
  await recordAudit(ctx.db, { actor }, { action: 'accounts.audit-log-read', subjectType: 'audit_log', meta: { ...filter, person: personId ?? null } });
  return {
    ok: true,
    filter,
    total,
    pages: Math.max(1, Math.ceil(total / auditPageSize)),
    rows: rows.map((row) => ({
      id: row.id,
      at: row.at,
      actorLabel: (row.actor_id && names.get(row.actor_id)) || row.actor_label,
      action: row.action,
      subject: row.subject_id ? `${row.subject_type} ${row.subject_id}` : row.subject_type,
      // A deleted account leaves its id behind, not its name.
      dataSubject: row.data_subject_id ? (names.get(row.data_subject_id) ?? row.data_subject_id) : null,
      reason: row.reason,
      requestId: row.request_id,
    })),
  };
}
