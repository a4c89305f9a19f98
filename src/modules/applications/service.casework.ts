import { recordAudit } from '#kernel/audit.ts';
import { actorId, type Actor, type Language } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { accountNames, staffHolding } from '#modules/accounts/index.ts';
import { publishedService } from '#modules/catalog/index.ts';
import { answerRows } from './definition/pages.ts';
import { exportStateOf } from './export/state.ts';
import { applicationsPermissions, caseworker } from './permissions.ts';
import { prescribedDelivery } from './procedures.ts';
import { caseWithForm, casesOfOffices, formsOfOffices, messagesOfCase, type CaseFilter } from './repo.casework.ts';
import { applicationsDb } from './repo.forms.ts';
import { followFlags } from './repo.follow.ts';
import { followForStaff } from './service.follow.ts';
import { reachOf, type Reach } from './service.casework.notify.ts';
import { filesOf } from './service.draft.ts';
import { receiptFilename } from './service.receipt.ts';
import { textIn } from './views/text.ts';
import { byStaff, caseWorkflow, type CaseState } from './workflow.case.ts';

const { handleCases } = applicationsPermissions;
const dayMs = 24 * 60 * 60 * 1000;

/** The offices whose cases the person handles: every office a grant of theirs carries the permission in. */
export function caseworkOffices(ctx: Pick<KernelContext, 'permissions'>, actor: Actor): string[] {
  if (actor.kind !== 'staff') return [];
  const offices = actor.roles.flatMap((grant) => (grant.scopeKind === 'office' && grant.scopeId ? [grant.scopeId] : []));
  return [...new Set(offices)].filter((id) => ctx.permissions.can(actor, handleCases, { kind: 'office', id }));
}

export const mayHandle = (ctx: Pick<KernelContext, 'permissions'>, actor: Actor, officeId: string) => ctx.permissions.can(actor, handleCases, { kind: 'office', id: officeId });

/** Whole days from one moment to another, as the list and the clock count them. */
export const daysBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / dayMs));

export interface Clock {
  /** Days the office has had the case, not counting the days it waited for the applicant. */
  days: number;
  /** Days spent waiting for information the applicant was asked for. */
  pausedDays: number;
  /** False once the case is decided: the clock stops there. */
  running: boolean;
}

/** States in which the office's work is done: the processing clock stops at the first of them. */
export const decidedStates: ReadonlySet<string> = new Set<string>(['approved', 'rejected', 'closed', 'withdrawn'] satisfies CaseState[]);

/**
 * The processing-time clock: time since submission, paused while the case waits for information from the
 * applicant (that time is theirs, not the office's), stopped at the decision.
 */
export function processingClock(submittedAt: Date, history: readonly { at: Date; to_state: string }[], now: Date): Clock {
  let paused = 0;
  let pausedSince: number | null = null;
  let end = now.getTime();
  let running = true;
  for (const step of [...history].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const at = step.at.getTime();
    if (pausedSince !== null && step.to_state !== 'information-requested') {
      paused += at - pausedSince;
      pausedSince = null;
    }
    if (step.to_state === 'information-requested' && pausedSince === null) pausedSince = at;
    if (decidedStates.has(step.to_state)) {
      end = at;
      running = false;
      break;
    }
  }
  if (pausedSince !== null) paused += end - pausedSince;
  const total = Math.max(0, end - submittedAt.getTime());
  return { days: Math.floor(Math.max(0, total - paused) / dayMs), pausedDays: Math.floor(paused / dayMs), running };
}

export const casesPerPage = 25;

export type QueueResult =
  | { ok: true; rows: QueueRow[]; total: number; pages: number; forms: { key: string; title: string }[] }
  | { ok: false; reason: 'unknown-form'; forms: { key: string; title: string }[] };

export interface QueueRow {
  id: string;
  reference: string;
  status: string;
  formTitle: string;
  applicantName: string;
  channel: string;
  ageDays: number;
  assignedName: string | null;
  /** The applicant wrote last, and nobody of the office has written on the case since. */
  newReply: boolean;
  /** The reply-by day of a request still unanswered after it, `YYYY-MM-DD`. */
  overdueSince: string | null;
}

/**
 * The queue of the person's offices, oldest first, filtered and a page at a time. It shows applicants'
 * names, so looking at it is recorded (without a data subject: it is about many people at once).
 */
export async function caseQueue(ctx: KernelContext, actor: Actor, filter: CaseFilter & { page: number }, language: Language, now = new Date()): Promise<QueueResult> {
  ctx.permissions.require(actor, handleCases, 'anywhere');
  const offices = caseworkOffices(ctx, actor);
  const db = applicationsDb(ctx.db);
  const forms = (await formsOfOffices(db, offices)).map((form) => ({ key: form.form_key, title: textIn(form.definition.title, language) }));
  if (filter.formKey && !forms.some((form) => form.key === filter.formKey)) return { ok: false, reason: 'unknown-form', forms };
  const { rows, total } = await casesOfOffices(db, offices, filter, actorId(actor) ?? '', { offset: (filter.page - 1) * casesPerPage, limit: casesPerPage });
  const names = await accountNames(ctx.db, rows.flatMap((row) => (row.assigned_to ? [row.assigned_to] : [])));
  const flags = await followFlags(db, rows.map((row) => row.id), todayInBerlin(now));
  await recordAudit(ctx.db, { actor }, { action: 'applications.cases-listed', subjectType: 'applications.case', meta: { ...filter, offices: offices.length, shown: rows.length } });
  return {
    ok: true,
    total,
    pages: Math.max(1, Math.ceil(total / casesPerPage)),
    forms,
    rows: rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      formTitle: textIn(row.definition.title, language),
      applicantName: row.applicant_name,
      channel: row.channel,
      ageDays: daysBetween(row.submitted_at, now),
      assignedName: row.assigned_to ? (names.get(row.assigned_to) ?? null) : null,
      newReply: flags.replied.has(row.id),
      overdueSince: flags.overdue.get(row.id) ?? null,
    })),
  };
}

export interface TimelineEntry {
  at: Date;
  kind: 'submitted' | 'step' | 'to-applicant' | 'from-applicant' | 'note';
  /** The step taken and the state it led to, for a step. */
  transition?: string;
  to?: string;
  /** Who acted or wrote, by name at the time. */
  by: string | null;
  text: string | null;
}

/** Everything that happened on a case, newest first: steps with their reasons, messages either way, internal notes. */
function timelineOf(made: { submitted_at: Date }, history: Awaited<ReturnType<typeof caseWorkflow.history>>, messages: Awaited<ReturnType<typeof messagesOfCase>>): TimelineEntry[] {
  return [
    { at: made.submitted_at, kind: 'submitted' as const, by: null, text: null },
    ...history.map((step) => ({ at: step.at, kind: 'step' as const, transition: step.transition, to: step.to_state, by: step.actor_name, text: step.note })),
    ...messages.map((message) => ({ at: message.created_at, kind: message.kind, by: message.author_name, text: message.body })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
}

export interface CaseFile {
  fileId: string;
  filename: string;
  mediaType: string;
  bytes: number | null;
}

/** A case's files: every file its answers name, the receipt, and the documents the applicant sent later. */
function caseFiles(made: { receipt_file_id: string | null; reference: string; answers: Parameters<typeof filesOf>[0] }, later: readonly CaseFile[] = []): CaseFile[] {
  const answered = filesOf(made.answers).map((file) => ({ fileId: file.fileId, filename: file.filename, mediaType: file.mediaType, bytes: file.bytes }));
  const receipt = made.receipt_file_id ? [{ fileId: made.receipt_file_id, filename: receiptFilename(made.reference), mediaType: 'application/pdf', bytes: null }] : [];
  return [...answered, ...receipt, ...later];
}

/**
 * One case for a caseworker of its office: everything on it, the clock, and the steps the person may take.
 * Reading it is recorded against the applicant in the same transaction. A case of another office is
 * answered like one that does not exist, and leaves no record of a view.
 */
export async function caseForStaff(ctx: KernelContext, actor: Actor, caseId: string, language: Language, now = new Date()) {
  ctx.permissions.require(actor, handleCases, 'anywhere');
  const read = await ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    const made = await caseWithForm(db, caseId);
    if (!made || !mayHandle(ctx, actor, made.office_id)) return null;
    const history = await caseWorkflow.history(trx, made.id);
    const messages = await messagesOfCase(db, made.id);
    const follow = await followForStaff(db, made, now);
    const reach: Reach = await reachOf(trx, made);
    const colleagues = await staffHolding(trx, caseworker, { kind: 'office', id: made.office_id });
    const names = await accountNames(trx, made.assigned_to ? [made.assigned_to] : []);
    const exports = await exportStateOf(ctx, trx, made.id);
    await recordAudit(trx, { actor }, { action: 'applications.case-viewed', subjectType: 'applications.case', subjectId: made.id, dataSubjectId: made.user_id, meta: { reference: made.reference } });
    return { made, history, messages, follow, reach, colleagues, exports, assignedName: made.assigned_to ? (names.get(made.assigned_to) ?? null) : null };
  });
  if (!read) return null;
  const { made, history } = read;
  const service = made.service_slug ? await publishedService(ctx, made.service_slug) : null;
  const proposer = history.find((step) => step.transition === 'proposeRejection')?.actor_id ?? null;
  return {
    ...read,
    sections: answerRows(made.definition, made.answers, language),
    files: caseFiles(made, read.follow.documents),
    replyBy: read.follow.replyBy,
    timeline: timelineOf(made, history, read.messages),
    clock: processingClock(made.submitted_at, history, now),
    targetDays: made.definition.targetDays ?? null,
    // A procedure that prescribes the way (a certificate of registration) decides where a decision can go.
    prescribed: prescribedDelivery(made.definition, made.applicant),
    actions: caseWorkflow.allowedTransitions(ctx, actor, made).filter(byStaff),
    // Four eyes: whoever proposed the rejection sees that someone else must confirm it.
    confirmByOther: made.status === 'rejection-proposed' && proposer !== null && proposer === actorId(actor),
    fees: service?.content.fees ?? [],
    me: actorId(actor),
  };
}

export type StaffCase = NonNullable<Awaited<ReturnType<typeof caseForStaff>>>;

/** A file of a case for download by a caseworker of its office; the file store records the download. */
export async function caseFileForStaff(ctx: KernelContext, actor: Actor, caseId: string, fileId: string) {
  ctx.permissions.require(actor, handleCases, 'anywhere');
  const made = await caseWithForm(applicationsDb(ctx.db), caseId);
  if (!made || !mayHandle(ctx, actor, made.office_id)) return null;
  const file = caseFiles(made, (await followForStaff(applicationsDb(ctx.db), made)).documents).find((candidate) => candidate.fileId === fileId);
  return file ? { fileId: file.fileId, filename: file.filename, dataSubjectId: made.user_id } : null;
}
