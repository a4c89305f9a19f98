import { finished } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { isSignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { bodyLimitFor, formBody, multipartFor, readForm, type FormErrors, type FormFile, type Raw } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { documentFields, replyForm } from './forms.follow.ts';
import { findCase } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import { CaseParams, SubmitBody } from './schemas.ts';
import { myCase } from './service.account.ts';
import { isApplicant, type CaseKey } from './service.follow.ts';
import { replyToCase, takesDocuments, type ReplyProblem } from './service.reply.ts';
import { mayWithdraw, withdrawCase } from './service.withdraw.ts';
import { WithdrawPage } from './views/follow.tsx';
import { textIn } from './views/text.ts';

/*
 * The applicant's steps on their case in "Meine Anträge": a reply to the office (with documents while it
 * asks for information), and withdrawing the application after a page that asks first.
 */

export const casePath = (caseId: string) => `/konto/antraege/${caseId}`;

/** The notice a redirect after the applicant's step shows on the case page. */
const notices = ['gesendet', 'beantwortet', 'zurueckgezogen'] as const;
export const FollowQuery = Type.Object({ hinweis: Type.Optional(Type.Union(notices.map((notice) => Type.Literal(notice)))), lang: Type.Optional(Type.String({ maxLength: 5 })) });

export interface Shown {
  notice?: (typeof notices)[number] | undefined;
  raw?: Raw;
  errors?: FormErrors;
  status?: number;
}

type CaseRequest = FastifyRequest<{ Params: { caseId: string } }>;
type ShowCase = (request: CaseRequest, reply: FastifyReply, shown?: Shown) => Promise<unknown>;

/** The account's own cases: a guest's draft secrets play no part on these pages. */
const keyOf = (request: CaseRequest): CaseKey => ({ caseId: request.params.caseId, secretOf: () => undefined });

/**
 * Documents of a reply go into the file store while the body is parsed, with the same checks as uploads in
 * an application's pages; only for the case's applicant while the office waits for information. Anything
 * else is drained and dropped before a byte is stored.
 */
export function replyUploads(ctx: KernelContext) {
  const options = multipartFor(ctx, replyForm);
  return {
    ...options,
    async onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
      const { caseId } = (this.params ?? {}) as { caseId?: string };
      const made = caseId && /^[0-9a-f-]{36}$/.test(caseId) ? await findCase(applicationsDb(ctx.db), caseId) : undefined;
      const applicant = made !== undefined && isApplicant(this.actor, made, () => undefined);
      if (applicant && takesDocuments(made.status)) return options.onFile.call(this, part);
      // A document nobody asked for is not silently lost: the route says so (a browser sends an empty part for an empty field).
      if (applicant && part.filename) dropped.add(this);
      part.file.resume();
      await finished(part.file);
    },
  };
}

/** Requests whose documents were drained because the case does not take documents now. */
const dropped = new WeakSet<FastifyRequest>();

const problemCodes: Record<ReplyProblem['reason'], string> = { required: 'applications:follow.reply.required', 'too-long': 'applications:follow.reply.tooLong' };

export function followRoutes(app: App, ctx: KernelContext, showCase: ShowCase): void {
  app.post(
    '/konto/antraege/:caseId/antwort',
    { schema: { params: CaseParams, body: formBody(replyForm) }, attachValidation: true, bodyLimit: bodyLimitFor(replyForm), config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      if (dropped.has(request)) throw new HttpProblem(409, 'applications:follow.errors.documentsNotRequested');
      const read = readForm(replyForm, request);
      if (!read.ok) return showCase(request, reply, { raw: read.raw, errors: read.errors, status: 422 });
      const documents = documentFields.map((name) => read.value[name]).filter((file): file is FormFile => file !== null);
      const result = await replyToCase(ctx, request.actor, keyOf(request), { message: read.value.message, documents });
      if (result.ok) return reply.redirect(`${casePath(request.params.caseId)}?hinweis=${result.answered ? 'beantwortet' : 'gesendet'}#timeline`, 303);
      switch (result.reason) {
        case 'not-found':
          return reply.callNotFound();
        case 'invalid-input':
          return showCase(request, reply, { raw: read.raw, errors: Object.fromEntries(result.problems.map((problem) => [problem.field, { code: problemCodes[problem.reason] }])), status: 422 });
        case 'file-refused':
          return showCase(request, reply, { raw: read.raw, errors: { document1: { code: 'applications:errors.fileRefused' } }, status: 422 });
        case 'ended':
          throw new HttpProblem(409, 'applications:follow.errors.ended');
        case 'documents-not-requested':
          throw new HttpProblem(409, 'applications:follow.errors.documentsNotRequested');
      }
    },
  );

  app.get('/konto/antraege/:caseId/zurueckziehen', { schema: { params: CaseParams } }, async (request, reply) => {
    const mine = isSignedIn(request.actor) ? await myCase(ctx, request.actor, request.params.caseId) : null;
    if (!mine) return reply.callNotFound();
    if (!mayWithdraw(mine.made.status)) throw new HttpProblem(409, 'applications:follow.errors.decided');
    const title = textIn(mine.form.definition.title, request.page.lang);
    return reply.header('cache-control', 'no-store').html(
      { title: request.t('applications:follow.withdraw.confirmTitle'), breadcrumbs: [{ label: request.t('accounts:account.title'), href: '/konto' }, { label: request.t('applications:mine.title'), href: '/konto/antraege' }, { label: mine.made.reference, href: casePath(mine.made.id) }, { label: request.t('applications:follow.withdraw.title') }] },
      <WithdrawPage page={request.page} title={title} reference={mine.made.reference} action={`${casePath(mine.made.id)}/zurueckziehen`} backHref={casePath(mine.made.id)} />,
    );
  });

  app.post('/konto/antraege/:caseId/zurueckziehen', { schema: { params: CaseParams, body: SubmitBody } }, async (request, reply) => {
    const result = await withdrawCase(ctx, request.actor, keyOf(request));
    if (result.ok) return reply.redirect(`${casePath(request.params.caseId)}?hinweis=zurueckgezogen`, 303);
    if (result.reason === 'decided') throw new HttpProblem(409, 'applications:follow.errors.decided');
    return reply.callNotFound();
  });
}
