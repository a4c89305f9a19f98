import fastifyMultipart from '@fastify/multipart';
import { isSignedIn } from '#kernel/auth/actor.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { defineModule } from '#kernel/module.ts';
import { describeRefusal } from '../refusals.ts';

export const uploadLimit = 64 * 1024;
export const publishedOwner = { module: 'filetest', kind: 'published', id: 'satzungen' };

/**
 * A module as the README describes one: it takes an upload from a multipart form, references the file in
 * its own transaction, and serves it only to the person who uploaded it.
 */
export const uploadModule = defineModule({
  id: 'filetest',
  routes: async (app, ctx) => {
    // The parser's own limit sits above the store's, so the store is the one that refuses, with its message.
    await app.register(fastifyMultipart, { limits: { fileSize: uploadLimit * 2, files: 1, fields: 5 } });

    app.get('/dateitest', async (request, reply) => reply.type('text/html; charset=utf-8').send(`<input name="_csrf" value="${request.page.csrfToken()}">`));

    app.post('/dateitest', async (request, reply) => {
      const actor = request.actor;
      if (!isSignedIn(actor)) throw new HttpProblem(401, 'kernel:errors.unauthorized.body');
      const part = await request.file();
      if (!part) throw new HttpProblem(422, 'kernel:files.refused.empty');
      const result = await ctx.files.put(part.file, { accept: ['application/pdf', 'image/jpeg'], maxBytes: uploadLimit });
      if (!result.ok) {
        const refusal = describeRefusal(result, request.lang);
        return reply.status(refusal.status).send({ message: request.t(refusal.key, refusal.values) });
      }
      const owner = { module: 'filetest', kind: 'upload', id: actor.userId };
      await ctx.db.transaction().execute((trx) => ctx.files.addRef(trx, { fileId: result.file.id, owner, personal: true, dataSubjectId: actor.userId }));
      return reply.status(201).send({ id: result.file.id, name: part.filename });
    });

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
