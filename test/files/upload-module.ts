import fastifyMultipart from '@fastify/multipart';
import { isSignedIn } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { defineModule, type App } from '#kernel/module.ts';
import { describeRefusal } from '#kernel/files/refusals.ts';
import type { PutResult } from '#kernel/files/types.ts';

export const uploadLimit = 64 * 1024;
export const publishedOwner = { module: 'filetest', kind: 'published', id: 'satzungen' };
const accept = ['application/pdf', 'image/jpeg'];

/**
 * A module as the README describes one: it takes an upload, references the file in its own transaction,
 * and serves it only to the person who uploaded it. Two ways in: an HTML form (works without JavaScript,
 * CSRF token as a form field) and a stream read with `request.file()` (CSRF token as a header).
 */
export const uploadModule = defineModule({
  id: 'filetest',
  routes: async (app, ctx) => {
    await app.register(async (scope) => formRoute(scope, ctx));
    await app.register(async (scope) => streamRoute(scope, ctx));

    app.get('/dateitest', async (request, reply) => reply.type('text/html; charset=utf-8').send(`<input name="_csrf" value="${request.page.csrfToken()}">`));

    app.get<{ Params: { id: string }; Querystring: { name?: string } }>('/dateitest/:id', async (request, reply) => {
      const actor = request.actor;
      if (!isSignedIn(actor)) throw new HttpProblem(401, 'kernel:errors.unauthorized.body');
      // The module's own access check: only files among the person's own uploads.
      const own = await ctx.files.refsOf(ctx.db, { module: 'filetest', kind: 'upload', id: actor.userId });
      if (!own.includes(request.params.id)) throw new HttpProblem(404, 'kernel:errors.notFound.body');
      return ctx.files.send(reply, { fileId: request.params.id, filename: request.query.name ?? 'Nachweis.pdf', actor, dataSubjectId: actor.userId });
    });

    // Documents the module publishes: anyone may download them, and nothing says whom they are about.
    app.get<{ Params: { id: string } }>('/dateitest/oeffentlich/:id', async (request, reply) => {
      const published = await ctx.files.refsOf(ctx.db, publishedOwner);
      if (!published.includes(request.params.id)) throw new HttpProblem(404, 'kernel:errors.notFound.body');
      return ctx.files.send(reply, { fileId: request.params.id, filename: 'Satzung.pdf', actor: request.actor });
    });
  },
});

async function keep(ctx: KernelContext, userId: string, result: PutResult) {
  if (!result.ok) return;
  const owner = { module: 'filetest', kind: 'upload', id: userId };
  await ctx.db.transaction().execute((trx) => ctx.files.addRef(trx, { fileId: result.file.id, owner, personal: true, dataSubjectId: userId }));
}

/** The form: the file goes into the store while the body is parsed; only the handler, past CSRF and sign-in, references it. */
async function formRoute(app: App, ctx: KernelContext) {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    // The parser's own limit sits above the store's, so the store is the one that refuses, with its message.
    limits: { fileSize: uploadLimit * 2, files: 1, fields: 5 },
    throwFileSizeLimit: false,
    onFile: ctx.files.onFile({ accept, maxBytes: uploadLimit }),
  });
  app.post('/dateitest/formular', async (request, reply) => {
    const actor = request.actor;
    if (!isSignedIn(actor)) throw new HttpProblem(401, 'kernel:errors.unauthorized.body');
    const result = ctx.files.uploadOf(request, 'nachweis')?.result;
    if (!result) throw new HttpProblem(422, 'kernel:files.refused.empty');
    if (!result.ok) {
      const refusal = describeRefusal(result, request.lang);
      return reply.status(refusal.status).send({ message: request.t(refusal.key, refusal.values) });
    }
    await keep(ctx, actor.userId, result);
    return reply.redirect(`/dateitest/${result.file.id}`, 303);
  });
}

/** The stream: `request.file()` hands the handler the file while it still arrives. */
async function streamRoute(app: App, ctx: KernelContext) {
  await app.register(fastifyMultipart, { limits: { fileSize: uploadLimit * 2, files: 1, fields: 5 }, throwFileSizeLimit: false });
  app.post('/dateitest', async (request, reply) => {
    const actor = request.actor;
    if (!isSignedIn(actor)) throw new HttpProblem(401, 'kernel:errors.unauthorized.body');
    const part = await request.file();
    if (!part) throw new HttpProblem(422, 'kernel:files.refused.empty');
    const result = await ctx.files.put(part.file, { accept, maxBytes: uploadLimit });
    if (!result.ok) {
      const refusal = describeRefusal(result, request.lang);
      return reply.status(refusal.status).send({ message: request.t(refusal.key, refusal.values) });
    }
    await keep(ctx, actor.userId, result);
    return reply.status(201).send({ id: result.file.id, name: part.filename });
  });
}
