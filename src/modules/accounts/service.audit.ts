import type { TFunction } from 'i18next';
import { auditActionLabel, auditActorLabel, recordAudit, searchAuditLog } from '#kernel/audit.ts';
import type { Actor, Language } from '#kernel/auth/actor.ts';
import { addDays, berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { csvDocument } from '#kernel/csv.ts';
import { formatDay } from '#kernel/dates.ts';
import type { FormErrors, FormValue } from '#kernel/forms/index.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { declaredActions, isDeclaredChoice, subjectWords, type ActionGroup } from './audit-words.ts';
import type { auditFilterForm } from './forms.ts';
import { accountsDb, displayNames, findUserByEmail } from './repo.ts';

/*
 * The audit log for administrators and the data protection officer's questions: who did what, and whose
 * data was read or changed, by period, kind of action and person, all in words. Reading it is itself
 * recorded, since the log names people.
 */

export const readAuditLog = 'accounts.read-audit-log';
export const auditPageSize = 50;
export const auditExportLimit = 10_000;
const defaultDays = 7;
const maxDays = 366;

/** The filter as the form shows it: days the German way (as typed, when refused), the action chosen, an e-mail address. */
export interface AuditFilter {
  from: string;
  to: string;
  action: string;
  person: string;
  page: number;
}

/** The filter as the form read it: days as `YYYY-MM-DD` (none typed: the last seven days). */
export type AuditFilterInput = FormValue<typeof auditFilterForm>;

/** What the words of the log are written in. */
export interface Words {
  t: TFunction;
  lang: Language;
}

export interface AuditRow {
  id: number;
  at: Date;
  /** The acting account's name, or who acted in words (the platform, a connected system, a former account). */
  who: string;
  action: string;
  what: string;
  /** The name of the person whose data it was, "ehemaliges Konto" once deleted, null when none. */
  whose: string | null;
  subject: string;
  /** Type and id as recorded, for questions the words cannot answer. */
  subjectCode: string;
  reason: string | null;
  requestId: string | null;
}

export type AuditLogResult =
  | { ok: true; filter: AuditFilter; actions: ActionGroup[]; total: number; pages: number; rows: AuditRow[] }
  | { ok: false; filter: AuditFilter; actions: ActionGroup[]; problems: FormErrors };

type CheckedFilter =
  | { ok: true; filter: AuditFilter; days: { from: string; to: string }; personId: string | undefined }
  | { ok: false; filter: AuditFilter; problems: FormErrors };

/** The actions the log can be filtered by, grouped by module, for the form. */
export function auditActionChoices(ctx: KernelContext, words: Words): ActionGroup[] {
  return declaredActions(ctx, words.t, words.lang);
}

/**
 * The filter with its defaults (the last seven days), each bad field explained by a reason code; the
 * person found by e-mail.
 */
async function checkFilter(ctx: KernelContext, input: AuditFilterInput, actions: readonly ActionGroup[]): Promise<CheckedFilter> {
  const today = todayInBerlin();
  const days = { from: input.from ?? addDays(today, 1 - defaultDays), to: input.to ?? today };
  const filter: AuditFilter = { from: formatDay(days.from), to: formatDay(days.to), action: input.action, person: input.person, page: input.page ?? 1 };
  const problems: FormErrors = {};
  if (days.from > days.to) problems.to = { code: 'accounts:auditLog.toBeforeFrom' };
  else if (days.to > addDays(days.from, maxDays - 1)) problems.to = { code: 'accounts:auditLog.tooLong', values: { days: maxDays } };
  if (!isDeclaredChoice(actions, filter.action)) problems.action = { code: 'accounts:auditLog.actionUnknown' };
  let personId: string | undefined;
  if (filter.person) {
    const email = normaliseEmail(filter.person);
    const person = email ? await findUserByEmail(accountsDb(ctx.db), email) : undefined;
    if (!person) problems.person = { code: 'accounts:auditLog.personUnknown' };
    personId = person?.id;
  }
  if (Object.keys(problems).length > 0) return { ok: false, filter, problems };
  return { ok: true, filter, days, personId };
}

/** Records matching the filter, newest first, with people, actions and subjects in words. */
async function findRows(ctx: KernelContext, t: TFunction, checked: Extract<CheckedFilter, { ok: true }>, limit: number, offset: number) {
  const { rows, total } = await searchAuditLog(ctx.db, {
    from: berlinDay(checked.days.from).from,
    to: berlinDay(checked.days.to).to,
    actionPrefix: checked.filter.action || undefined,
    personId: checked.personId,
    limit,
    offset,
  });
  const names = await displayNames(accountsDb(ctx.db), rows.flatMap((row) => [row.actor_id, row.data_subject_id].filter((id): id is string => id !== null)));
  const subject = await subjectWords(ctx, t, rows);
  const auditRows: AuditRow[] = rows.map((row) => ({
    id: row.id,
    at: row.at,
    who: (row.actor_id && names.get(row.actor_id)) || auditActorLabel(t, row.actor_label),
    action: row.action,
    what: auditActionLabel(t, row.action),
    // A deleted account leaves its id behind, not its name.
    whose: row.data_subject_id ? (names.get(row.data_subject_id) ?? t('accounts:auditLog.formerAccount')) : null,
    subject: subject(row),
    subjectCode: row.subject_id ? `${row.subject_type} ${row.subject_id}` : row.subject_type,
    reason: row.reason,
    requestId: row.request_id,
  }));
  return { rows: auditRows, total };
}

export async function auditLog(ctx: KernelContext, actor: Actor, words: Words, query: AuditFilterInput): Promise<AuditLogResult> {
  ctx.permissions.require(actor, readAuditLog);
  const actions = auditActionChoices(ctx, words);
  const checked = await checkFilter(ctx, query, actions);
  if (!checked.ok) return { ...checked, actions };
  const { filter, personId } = checked;
  const { rows, total } = await findRows(ctx, words.t, checked, auditPageSize, (filter.page - 1) * auditPageSize);
  await recordAudit(ctx.db, { actor }, { action: 'accounts.audit-log-read', subjectType: 'audit_log', meta: { ...filter, person: personId ?? null } });
  return { ok: true, filter, actions, total, pages: Math.max(1, Math.ceil(total / auditPageSize)), rows };
}

export type AuditExportResult = { ok: true; csv: string; fileName: string } | { ok: false; filter: AuditFilter; actions: ActionGroup[]; problems: FormErrors };

/** The same records, in the same words, as a CSV file for the data protection officer, newest first, at most `auditExportLimit`. */
export async function exportAuditLog(ctx: KernelContext, actor: Actor, words: Words, query: AuditFilterInput): Promise<AuditExportResult> {
  ctx.permissions.require(actor, readAuditLog);
  const actions = auditActionChoices(ctx, words);
  const checked = await checkFilter(ctx, query, actions);
  if (!checked.ok) return { ...checked, actions };
  const { filter, personId, days } = checked;
  const { t } = words;
  const { rows, total } = await findRows(ctx, t, checked, auditExportLimit, 0);
  await recordAudit(ctx.db, { actor }, { action: 'accounts.audit-log-exported', subjectType: 'audit_log', meta: { ...filter, person: personId ?? null, rows: rows.length, total } });
  const header = ['when', 'who', 'action', 'what', 'whose', 'subject', 'subjectCode', 'reason', 'request'].map((column) => t(`accounts:auditLog.csv.${column}`));
  const csv = csvDocument(
    header,
    rows.map((row) => [row.at.toISOString(), row.who, row.action, row.what, row.whose, row.subject, row.subjectCode, row.reason, row.requestId]),
  );
  return { ok: true, csv, fileName: `protokoll-${days.from}-bis-${days.to}.csv` };
}
