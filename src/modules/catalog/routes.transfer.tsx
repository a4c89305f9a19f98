import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { bodyLimitFor, formBody, formState, multipartFor, readForm, type FormErrors } from '#kernel/forms/index.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { importForm } from './forms.ts';
import { exportCatalog, importCatalog, transferCatalog } from './service.transfer.ts';
import { readCatalogUpload, type UploadFailure } from './service.upload.ts';
import { importProblemMessages } from './transfer.words.ts';
import { ImportPage } from './views/staff.tsx';

const uploadFailures: Record<UploadFailure['reason'], { status: number; code: string }> = {
  'not-json': { status: 422, code: 'catalog:transfer.notJson' },
  infected: { status: 422, code: 'file-infected' },
  'scan-unavailable': { status: 503, code: 'catalog:transfer.scanUnavailable' },
};
// A file the store refused answers with the status HTTP has for it; other problems are the form's (422).
const refusalStatuses: Record<string, number> = { 'file-too-large': 413, 'file-type-not-allowed': 415 };

/** Export and import of the catalogue in the back office (the CLI and the API offer the same). */
export async function transferRoutes(app: App, ctx: KernelContext): Promise<void> {
  // Checked before the upload is read: a visitor's 20 MB never reach the parser.
  app.addHook('onRequest', staffOnly(ctx, transferCatalog));
  // The upload goes into the file store while the form is parsed (`src/kernel/forms/README.md`, file fields).
  await app.register(fastifyMultipart, multipartFor(ctx, importForm));
  const crumbs = (request: FastifyRequest) => [{ label: request.t('catalog:staff.title'), href: '/verwaltung/katalog' }, { label: request.t('catalog:transfer.import') }];
  const importPage = (request: FastifyRequest, reply: FastifyReply, status: number, problems: string[], errors: FormErrors = {}) => {
    const form = formState(request.page, { raw: {}, errors }, importForm);
    return reply
      .status(status)
      .html({ title: request.t('catalog:transfer.import'), breadcrumbs: crumbs(request), hasErrors: status >= 400 }, <ImportPage page={request.page} problems={problems} form={form} />);
  };

  app.get('/verwaltung/katalog/export.json', async (request, reply) => {
    const data = await exportCatalog(ctx, request.actor);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="katalog-${data.exportedAt.slice(0, 10)}.json"`)
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/verwaltung/katalog/import', async (request, reply) => {
    ctx.permissions.require(request.actor, transferCatalog);
    return importPage(request, reply, 200, []);
  });

  app.post('/verwaltung/katalog/import', { bodyLimit: bodyLimitFor(importForm), schema: { body: formBody(importForm) }, attachValidation: true }, async (request, reply) => {
    const read = readForm(importForm, request);
    if (!read.ok) return importPage(request, reply, Math.max(...Object.values(read.errors).map((error) => refusalStatuses[error.code] ?? 422)), [], read.errors);
    const upload = await readCatalogUpload(ctx, request.actor, read.value.file);
    if (!upload.ok) return importPage(request, reply, uploadFailures[upload.reason].status, [], { file: { code: uploadFailures[upload.reason].code } });
    const result = await importCatalog(ctx, request.actor, upload.data);
    if (!result.ok) return importPage(request, reply, 422, importProblemMessages(request.t, result.problems), { file: { code: 'catalog:transfer.rejected' } });
    return reply.redirect('/verwaltung/katalog?notice=imported', 303);
  });
}
