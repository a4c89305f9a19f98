import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import { bodyLimitFor, defineForm, formBody, FormFields, formMessages, multipartFor, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { defineModule, type App } from '#kernel/module.ts';

/*
 * A module of the tests' own that uses the forms library as a module would: a form that creates something
 * (a note, recorded as an audit record, so every piece of work leaves a row), optionally slow, and a form
 * with a file field whose upload goes through the file store.
 */

export const noteForm = defineForm({
  id: 'formtest.note',
  once: true,
  fields: {
    title: { kind: 'text', label: 'kernel:layout.home', required: true, maxLength: 80 },
    amount: { kind: 'euros', label: 'kernel:layout.login' },
    day: { kind: 'date', label: 'kernel:layout.logout' },
  },
});

export const proofForm = defineForm({
  id: 'formtest.proof',
  once: true,
  fields: {
    name: { kind: 'text', label: 'kernel:layout.home', required: true },
    proof: { kind: 'file', label: 'kernel:layout.login', required: true, accept: ['application/pdf'], maxBytes: 64 * 1024 },
  },
});

function page(request: FastifyRequest, reply: FastifyReply, form: typeof noteForm | typeof proofForm, read: { raw: Raw; errors?: FormErrors }, action: string) {
  const errors = read.errors ? formMessages(request.page, read.errors, form) : {};
  return reply.status(read.errors ? 422 : 200).html(
    { title: 'Formulartest', hasErrors: Boolean(read.errors) },
    <>
      <ErrorSummary page={request.page} errors={errors} />
      <PostForm page={request.page} action={action} files={form === proofForm}>
        <FormFields page={request.page} form={form} raw={read.raw} errors={errors} />
        <SubmitButton label="Senden" />
      </PostForm>
    </>,
  );
}

/** The service of the note form: refuses one title (a problem only the service knows), waits when asked to. */
async function createNote(ctx: KernelContext, input: { title: string; slow: boolean }) {
  if (input.title === 'Vergeben') return { ok: false as const, errors: { title: { code: 'kernel:forms.errors.invalid' } } };
  if (input.slow) await sleep(400);
  const id = crypto.randomUUID();
  await recordAudit(ctx.db, { actor: { kind: 'system', label: 'formtest' } }, { action: 'formtest.note-created', subjectType: 'formtest.note', subjectId: id, meta: { title: input.title } });
  return { ok: true as const, id };
}

async function proofRoutes(app: App, ctx: KernelContext) {
  await app.register(fastifyMultipart, multipartFor(ctx, proofForm));
  app.get('/formtest/nachweis', async (request, reply) => page(request, reply, proofForm, { raw: {} }, '/formtest/nachweis'));
  app.post('/formtest/nachweis', { bodyLimit: bodyLimitFor(proofForm), schema: { body: formBody(proofForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(proofForm, request);
    if (!read.ok) return page(request, reply, proofForm, read, '/formtest/nachweis');
    const { file, filename } = read.value.proof;
    return reply.send({ name: read.value.name, filename, fileId: file.id, mediaType: file.mediaType });
  });
}

export const formsModule = defineModule({
  id: 'formtest',
  routes: async (app, ctx) => {
    app.get('/formtest/notiz', async (request, reply) => page(request, reply, noteForm, { raw: {} }, '/formtest/notiz'));
    app.post('/formtest/notiz', { schema: { body: formBody(noteForm) }, attachValidation: true }, async (request, reply) => {
      const read = readForm(noteForm, request);
      if (!read.ok) return page(request, reply, noteForm, read, '/formtest/notiz');
      const slow = (request.query as { slow?: string }).slow === '1';
      const result = await once(ctx, request, read, () => createNote(ctx, { title: read.value.title, slow }));
      if (!result.ok) return page(request, reply, noteForm, withErrors(read, result.errors), '/formtest/notiz');
      return reply.redirect(`/formtest/notiz/${result.id}`, 303);
    });
    await app.register(async (scope) => proofRoutes(scope, ctx));
  },
});
