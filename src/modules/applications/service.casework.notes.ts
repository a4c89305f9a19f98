import { recordAudit } from '#kernel/audit.ts';
import { actorId, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Trx } from '#kernel/db/database.ts';
import { staffHolding } from '#modules/accounts/index.ts';
import { applicationsPermissions, caseworker } from './permissions.ts';
import { lockCase } from './repo.cases.ts';
import { assignCase as setAssignee, caseWithForm, insertMessage } from './repo.casework.ts';
import { applicationsDb } from './repo.forms.ts';
import { mayHandle } from './service.casework.ts';
import { reachOf, serviceTitle, tellApplicant, type Told } from './service.casework.notify.ts';
import type { CaseRow } from './tables.ts';

/*
 * What caseworkers write on a case besides its steps: internal notes (the office's working papers, never
 * shown to the applicant nor put into their data download), messages to the applicant (through notify, by
 * their channel, and on the timeline of "Meine Anträge"), and who handles the case.
 */

export const longestText = 5000;

type Refusal = { ok: false; reason: 'not-found' | 'text-required' | 'text-too-long' };

const author = (actor: Actor) => ({ authorId: actorId(actor), authorName: actor.kind === 'staff' ? actor.displayName : null });

/** Runs a use case on a case of the person's office, locked for its transaction; another office's case is not found. */
async function onCase<R>(ctx: KernelContext, actor: Actor, caseId: string, work: (trx: Trx, made: CaseRow) => Promise<R>): Promise<R | { ok: false; reason: 'not-found' }> {
  ctx.permissions.require(actor, applicationsPermissions.handleCases, 'anywhere');
  return ctx.db.transaction().execute(async (trx) => {
    const made = await lockCase(applicationsDb(trx), caseId);
    if (!made || !mayHandle(ctx, actor, made.office_id)) return { ok: false, reason: 'not-found' } as const;
    return work(trx, made);
  });
}

function checkText(text: string): Refusal | null {
  if (!text.trim()) return { ok: false, reason: 'text-required' };
  return [...text].length > longestText ? { ok: false, reason: 'text-too-long' } : null;
}

/** An internal note; its record names the case, never the words, so the applicant's trail shows no note's content. */
export async function addNote(ctx: KernelContext, actor: Actor, caseId: string, text: string): Promise<{ ok: true } | Refusal> {
  const refused = checkText(text);
  if (refused) return refused;
  return onCase(ctx, actor, caseId, async (trx, made) => {
    await insertMessage(applicationsDb(trx), { caseId: made.id, kind: 'note', body: text.trim(), ...author(actor) });
    await recordAudit(trx, { actor }, { action: 'applications.note-added', subjectType: 'applications.case', subjectId: made.id, dataSubjectId: made.user_id });
    return { ok: true } as const;
  });
}

/** A message to the applicant: kept on the case and sent by their channel; `told` says whether it reached anyone. */
export async function messageApplicant(ctx: KernelContext, actor: Actor, caseId: string, text: string): Promise<{ ok: true; told: Told } | Refusal> {
  const refused = checkText(text);
  if (refused) return refused;
  const found = await caseWithForm(applicationsDb(ctx.db), caseId);
  if (!found) return { ok: false, reason: 'not-found' };
  const body = text.trim();
  return onCase(ctx, actor, caseId, async (trx, made) => {
    const message = await insertMessage(applicationsDb(trx), { caseId: made.id, kind: 'to-applicant', body, ...author(actor) });
    const told = await tellApplicant(ctx, trx, made, await reachOf(trx, made), {
      purpose: 'case-message',
      cause: `applications:message:${message.id}`,
      values: (language) => ({ service: serviceTitle(found.definition, language), caseReference: made.reference, message: body }),
    });
    await recordAudit(trx, { actor }, {
      action: 'applications.message-sent',
      subjectType: 'applications.case',
      subjectId: made.id,
      dataSubjectId: made.user_id,
      meta: { told: told.told ? told.channels : told.reason },
    });
    return { ok: true, told } as const;
  });
}

/** `me`, `nobody`, or the account of another caseworker of the case's office. */
export type Assignee = 'me' | 'nobody' | { userId: string };

/** Hands a case to someone of its office, or back to the queue. */
export async function assignCase(ctx: KernelContext, actor: Actor, caseId: string, to: Assignee): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'not-a-caseworker' }> {
  return onCase(ctx, actor, caseId, async (trx, made) => {
    let userId: string | null = null;
    if (to === 'me') userId = actorId(actor);
    else if (to !== 'nobody') {
      const colleagues = await staffHolding(trx, caseworker, { kind: 'office', id: made.office_id });
      if (!colleagues.some((colleague) => colleague.userId === to.userId)) return { ok: false, reason: 'not-a-caseworker' } as const;
      userId = to.userId;
    }
    await setAssignee(applicationsDb(trx), made.id, userId);
    await recordAudit(trx, { actor }, { action: 'applications.case-assigned', subjectType: 'applications.case', subjectId: made.id, dataSubjectId: made.user_id, meta: { from: made.assigned_to, to: userId } });
    return { ok: true } as const;
  });
}
