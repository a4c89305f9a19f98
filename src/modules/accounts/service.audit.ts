import type { TFunction } from 'i18next';
import { auditActionLabel, recordAudit, searchAuditLog } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { addDays, berlinDay, isCalendarDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { csvDocument } from '#kernel/csv.ts';
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
export const auditExportLimit = 10_000;
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

type CheckedFilter = { ok: true; filter: AuditFilter; personId: string | undefined } | { ok: false; filter: AuditFilter; errors: FieldErrors };

/** The filter with its defaults (the last seven days), each bad field explained; the person found by e-mail. */
async function checkFilter(ctx: KernelContext, t: TFunction, query: AuditQuery): Promise<CheckedFilter> {
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
  return Object.keys(errors).length > 0 ? { ok: false, filter, errors } : { ok: true, filter, personId };
}

/** Records matching the filter, newest first, with the names of the people in them. */
async function findRows(ctx: KernelContext, filter: AuditFilter, personId: string | undefined, limit: number, offset: number) {
  const { rows, total } = await searchAuditLog(ctx.db, {
    from: berlinDay(filter.from).from,
    to: berlinDay(filter.to).to,
    actionPrefix: filter.action || undefined,
    personId,
    limit,
    offset,
  });
  const names = await displayNames(accountsDb(ctx.db), rows.flatMap((row) => [row.actor_id, row.data_subject_id].filter((id): id is string => id !== null)));
  const auditRows: AuditRow[] = rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorLabel: (row.actor_id && names.get(row.actor_id)) || row.actor_label,
    action: row.action,
    subject: row.subject_id ? `${row.subject_type} ${row.subject_id}` : row.subject_type,
    // A deleted account leaves its id behind, not its name.
    dataSubject: row.data_subject_id ? (names.get(row.data_subject_id) ?? row.data_subject_id) : null,
    reason: row.reason,
    requestId: row.request_id,
  }));
  return { rows: auditRows, total };
}

export async function auditLog(ctx: KernelContext, actor: Actor, t: TFunction, query: AuditQuery): Promise<AuditLogResult> {
  ctx.permissions.require(actor, readAuditLog);
  const checked = await checkFilter(ctx, t, query);
  if (!checked.ok) return checked;
  const { filter, personId } = checked;
  const { rows, total } = await findRows(ctx, filter, personId, auditPageSize, (filter.page - 1) * auditPageSize);
  await recordAudit(ctx.db, { actor }, { action: 'accounts.audit-log-read', subjectType: 'audit_log', meta: { ...filter, person: personId ?? null } });
  return { ok: true, filter, total, pages: Math.max(1, Math.ceil(total / auditPageSize)), rows };
}

export type AuditExportResult = { ok: true; csv: string; fileName: string } | { ok: false; filter: AuditFilter; errors: FieldErrors };

/** The same records as a CSV file for the data protection officer, newest first, at most `auditExportLimit`. */
export async function exportAuditLog(ctx: KernelContext, actor: Actor, t: TFunction, query: AuditQuery): Promise<AuditExportResult> {
  ctx.permissions.require(actor, readAuditLog);
  const checked = await checkFilter(ctx, t, query);
  if (!checked.ok) return checked;
  const { filter, personId } = checked;
  const { rows, total } = await findRows(ctx, filter, personId, auditExportLimit, 0);
  await recordAudit(ctx.db, { actor }, { action: 'accounts.audit-log-exported', subjectType: 'audit_log', meta: { ...filter, person: personId ?? null, rows: rows.length, total } });
  const header = ['when', 'who', 'action', 'what', 'whose', 'subject', 'reason', 'request'].map((column) => t(`accounts:auditLog.csv.${column}`));
  const csv = csvDocument(
    header,
    rows.map((row) => [row.at.toISOString(), row.actorLabel, row.action, auditActionLabel(t, row.action), row.dataSubject, row.subject, row.reason, row.requestId]),
  );
  return { ok: true, csv, fileName: `protokoll-${filter.from}-bis-${filter.to}.csv` };
}
