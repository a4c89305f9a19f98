import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { bodyLimitFor, formBody, formMessages, multipartFor, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { mapTilesOf } from '../resources/settings.ts';
import { answerForm, proposeForm } from './forms.ts';
import { answerPath, confirmPath } from './jobs.ts';
import { answerQuestion, confirmProposal, initiativeForLink, proposeInitiative } from './service.propose.ts';
import { AnswerPage } from './views/answer.tsx';
import { AskFirstPage, NoticePage } from '#kernel/html/components.tsx';
import { ProposePage } from './views/propose.tsx';

/*
 * The public side of moderation: the proposal form, and the pages the links in its mails open (confirm
 * the address, answer a question), each asking before it changes anything.
 */

const LinkParams = Type.Object({ id: Type.String({ format: 'uuid' }), key: Type.String({ minLength: 1, maxLength: 100 }) });
type LinkParams = { id: string; key: string };
const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });
const linkGone = 'initiatives:moderation.errors.link';

export async function publicModerationRoutes(app: App, ctx: KernelContext): Promise<void> {
  function proposePage(request: FastifyRequest, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) {
    const errors = shown.errors ? formMessages(request.page, shown.errors, proposeForm) : {};
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html({ title: request.t('initiatives:moderation.propose.title'), hasErrors: Boolean(shown.errors) }, <ProposePage page={request.page} raw={shown.raw} errors={errors} tiles={mapTilesOf(ctx)} />);
  }

  app.get('/initiativen/vorschlagen', async (request, reply) => proposePage(request, reply, { raw: {} }));

  // The proposal may carry a logo: its own scope takes multipart bodies, each file streamed into the file store.
  await app.register(async (scope: App) => {
    await scope.register(fastifyMultipart, multipartFor(ctx, proposeForm));
    scope.post(
      '/initiativen/vorschlagen',
      { bodyLimit: bodyLimitFor(proposeForm), schema: { body: formBody(proposeForm) }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } },
      async (request, reply) => {
        const read = readForm(proposeForm, request);
        if (!read.ok) return proposePage(request, reply, read);
        const result = await once(ctx, request, read, () => proposeInitiative(ctx, request.actor, read.value, request.page.lang === 'en' ? 'en' : 'de'));
        if (!result.ok) return proposePage(request, reply, withErrors(read, result.errors));
        return reply.redirect('/initiativen/vorschlagen/gesendet', 303);
      },
    );
  });

  app.get('/initiativen/vorschlagen/gesendet', async (request, reply) => {
    const title = request.t('initiatives:moderation.propose.sentTitle');
    return reply.html({ title }, <NoticePage title={title} text={request.t('initiatives:moderation.propose.sentText')} />);
  });

  app.get<{ Params: LinkParams }>('/initiativen/vorschlag/:id/bestaetigen/:key', { schema: { params: LinkParams } }, async (request, reply) => {
    const initiative = await initiativeForLink(ctx, request.params.id, request.params.key, 'confirm');
    if (!initiative) throw new HttpProblem(404, linkGone);
    const title = request.t('initiatives:moderation.confirm.title');
    return reply
      .header('cache-control', 'no-store')
      .html(
        { title },
        <AskFirstPage page={request.page} title={title} text={request.t('initiatives:moderation.confirm.text', { initiative: initiative.name })} button={request.t('initiatives:moderation.confirm.button')} action={confirmPath(initiative.id, request.params.key)} />,
      );
  });

  app.post<{ Params: LinkParams }>('/initiativen/vorschlag/:id/bestaetigen/:key', { schema: { params: LinkParams, body: ButtonBody } }, async (request, reply) => {
    const result = await confirmProposal(ctx, request.actor, request.params.id, request.params.key);
    if (!result.ok) throw new HttpProblem(404, linkGone);
    const title = request.t('initiatives:moderation.confirm.doneTitle');
    return reply.header('cache-control', 'no-store').html({ title }, <NoticePage title={title} text={request.t('initiatives:moderation.confirm.done', { initiative: result.initiative.name })} />);
  });

  async function answerPage(request: FastifyRequest<{ Params: LinkParams }>, reply: FastifyReply, shown: { raw: Raw; errors?: FormErrors }) {
    const initiative = await initiativeForLink(ctx, request.params.id, request.params.key, 'answer');
    if (!initiative) throw new HttpProblem(404, linkGone);
    if (initiative.status !== 'question') throw new HttpProblem(409, 'initiatives:moderation.errors.answered');
    const errors = shown.errors ? formMessages(request.page, shown.errors, answerForm) : {};
    return reply
      .status(shown.errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .html(
        { title: request.t('initiatives:moderation.answer.title'), hasErrors: Boolean(shown.errors) },
        <AnswerPage page={request.page} initiative={initiative.name} question={initiative.moderator_question ?? ''} action={answerPath(initiative.id, request.params.key)} raw={shown.raw} errors={errors} />,
      );
  }

  app.get<{ Params: LinkParams }>('/initiativen/vorschlag/:id/antworten/:key', { schema: { params: LinkParams } }, async (request, reply) => answerPage(request, reply, { raw: {} }));

  app.post<{ Params: LinkParams }>('/initiativen/vorschlag/:id/antworten/:key', { schema: { params: LinkParams, body: formBody(answerForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(answerForm, request);
    if (!read.ok) return answerPage(request, reply, read);
    const result = await answerQuestion(ctx, request.actor, request.params.id, request.params.key, read.value);
    if (result.ok) {
      const title = request.t('initiatives:moderation.answer.doneTitle');
      return reply.header('cache-control', 'no-store').html({ title }, <NoticePage title={title} text={request.t('initiatives:moderation.answer.done')} />);
    }
    switch (result.reason) {
      case 'note-required':
        return answerPage(request, reply, { raw: read.raw, errors: { answer: { code: 'required' } } });
      case 'moved-on':
        throw new HttpProblem(409, 'initiatives:moderation.errors.answered');
      case 'not-found':
        throw new HttpProblem(404, linkGone);
    }
  });
}
