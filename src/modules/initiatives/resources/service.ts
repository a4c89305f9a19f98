import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors, FormValue } from '#kernel/forms/index.ts';
import { newReference } from '#kernel/reference.ts';
import { publishedOffice } from '#modules/catalog/index.ts';
import { initiativesPermissions } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import type { answerForm, requestForm } from './forms.ts';
import { sendAnswerJob, sendOfficeNoticeJob, sendRequestReceivedJob } from './jobs.ts';
import { answerRequest, insertRequest, requestById, requestsForOffices, resourceBySlug, type RequestView } from './repo.ts';

const { handleRequests } = initiativesPermissions;

export type SendResult = { ok: true; reference: string } | { ok: false; reason: 'unknown-resource' } | { ok: false; reason: 'invalid'; errors: FormErrors };

/**
 * Stores a request for a resource with its reference and queues the confirmation to the requester and the
 * notice to the office in the same transaction. A resource booked through an appointments calendar takes
 * no requests: its page links to the booking instead.
 */
export async function sendRequest(ctx: KernelContext, slug: string, input: FormValue<typeof requestForm>, language: 'de' | 'en', now = new Date()): Promise<SendResult> {
  const db = initiativesDb(ctx.db);
  const resource = await resourceBySlug(db, slug);
  if (!resource || resource.booking_href || resource.kind === 'datensatz') return { ok: false, reason: 'unknown-resource' };
  const errors: FormErrors = {};
  let initiativeId: string | null = null;
  if (input.initiative) {
    const initiative = await db.selectFrom('initiatives').select('id').where('slug', '=', input.initiative).where('status', '=', 'published').executeTakeFirst();
    if (initiative) initiativeId = initiative.id;
    else errors.initiative = { code: 'initiatives:resources.errors.initiative' };
  }
  if (!input.initiative && !input.organisation) errors.organisation = { code: 'initiatives:resources.errors.organisation' };
  if (input.wantedOn && input.wantedOn < todayInBerlin(now)) errors.wantedOn = { code: 'initiatives:resources.errors.wantedOnPast' };
  if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
  const reference = newReference('R');
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await insertRequest(initiativesDb(trx), {
      reference,
      resource_id: resource.id,
      initiative_id: initiativeId,
      organisation: input.organisation || null,
      name: input.name,
      email: input.email,
      phone: input.phone,
      message: input.message,
      wanted_on: input.wantedOn,
      language,
    });
    await ctx.jobs.enqueue(trx, sendRequestReceivedJob, { requestId: stored.id, language });
    await ctx.jobs.enqueue(trx, sendOfficeNoticeJob, { requestId: stored.id, language });
  });
  return { ok: true, reference };
}

/**
 * The slugs of the offices a keeper is bound to, among the offices that own resources: a keeper is bound to
 * catalogue offices by id, a resource names its office by slug.
 */
async function keeperOffices(ctx: KernelContext, actor: Actor): Promise<string[]> {
  ctx.permissions.require(actor, handleRequests, 'anywhere');
  const slugs = [...new Set((await activeResourcesAll(ctx)).map((resource) => resource.office_slug))];
  const allowed = await Promise.all(slugs.map((slug) => mayHandle(ctx, actor, slug)));
  return slugs.filter((_, index) => allowed[index]);
}

async function activeResourcesAll(ctx: KernelContext) {
  // Requests for resources taken offline are still the office's to answer.
  return initiativesDb(ctx.db).selectFrom('initiative_resources').select('office_slug').distinct().execute();
}

async function mayHandle(ctx: KernelContext, actor: Actor, officeSlug: string): Promise<boolean> {
  const office = await publishedOffice(ctx, officeSlug);
  return office !== null && ctx.permissions.can(actor, handleRequests, { kind: 'office', id: office.id });
}

/** The requests for the keeper's offices' resources; the list shows names, so reading it is recorded. */
export async function requestsForKeeper(ctx: KernelContext, actor: Actor): Promise<RequestView[]> {
  const offices = await keeperOffices(ctx, actor);
  const requests = await requestsForOffices(initiativesDb(ctx.db), offices);
  await recordAudit(ctx.db, { actor }, { action: 'initiatives.requests-viewed', subjectType: 'initiatives.resource-request', meta: { shown: requests.length } });
  return requests;
}

/** A request of the keeper's offices, or null for one that does not exist or is another office's: both look alike. */
export async function requestForKeeper(ctx: KernelContext, actor: Actor, id: string, audit = true): Promise<RequestView | null> {
  ctx.permissions.require(actor, handleRequests, 'anywhere');
  const request = await requestById(initiativesDb(ctx.db), id);
  if (!request || !(await mayHandle(ctx, actor, request.office_slug))) return null;
  if (audit) await recordAudit(ctx.db, { actor }, { action: 'initiatives.request-viewed', subjectType: 'initiatives.resource-request', subjectId: request.id, meta: { reference: request.reference } });
  return request;
}

export type AnswerResult = { ok: true } | { ok: false; reason: 'not-found' | 'answered' };

/** Accepts or declines a request with a text, mailed to the requester; audited. */
export async function answerAsKeeper(ctx: KernelContext, actor: Actor, id: string, input: FormValue<typeof answerForm>, now = new Date()): Promise<AnswerResult> {
  const request = await requestForKeeper(ctx, actor, id, false);
  if (!request) return { ok: false, reason: 'not-found' };
  const status = input.decision === 'accepted' ? 'accepted' : 'declined';
  const answered = await ctx.db.transaction().execute(async (trx) => {
    const db = initiativesDb(trx);
    if (!(await answerRequest(db, id, { status, text: input.answer, by: actor.kind === 'staff' ? actor.userId : null }, now))) return false;
    await recordAudit(trx, { actor }, { action: `initiatives.request-${status}`, subjectType: 'initiatives.resource-request', subjectId: id, meta: { reference: request.reference } });
    await ctx.jobs.enqueue(trx, sendAnswerJob, { requestId: id, language: request.language });
    return true;
  });
  return answered ? { ok: true } : { ok: false, reason: 'answered' };
}
