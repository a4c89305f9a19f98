import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { describeRefusal } from '#kernel/files/refusals.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { ImportBody } from './schemas.ts';
import { exportCatalog, importCatalog, transferCatalog } from './service.transfer.ts';
import { catalogUploadTypes, maxCatalogUpload, readCatalogUpload } from './service.upload.ts';
import { importProblemMessages } from './transfer.words.ts';
import { ImportPage } from './views/staff.tsx';

const uploadFailures = {
  'no-file': { status: 422, key: 'catalog:transfer.fileRequired' },
  'not-json': { status: 422, key: 'catalog:transfer.notJson' },
  'scan-unavailable': { status: 503, key: 'catalog:transfer.scanUnavailable' },
} as const;

/** Export and import of the catalogue in the back office (the CLI and the API offer the same). */
export async function transferRoutes(app: App, ctx: KernelContext): Promise<void> {
  // Checked before the upload is read: a visitor's 20 MB never reach the parser.
  app.addHook('onRequest', staffOnly(ctx, transferCatalog));
  // The upload arrives as multipart form data and goes into the file store while it is parsed; the parser's
  // own limit sits above the store's, so that the store refuses a file too large with its own message.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 2 * maxCatalogUpload, files: 1, fields: 5 },
    throwFileSizeLimit: false,
    onFile: ctx.files.onFile({ accept: catalogUploadTypes, maxBytes: maxCatalogUpload }),
  });
  const crumbs = (request: FastifyRequest) => [{ label: request.t('catalog:staff.title'), href: '/verwaltung/katalog' }, { label: request.t('catalog:transfer.import') }];
  const importPage = (request: FastifyRequest, reply: FastifyReply, status: number, problems: string[], error?: string) =>
    reply.status(status).html({ title: request.t('catalog:transfer.import'), breadcrumbs: crumbs(request), hasErrors: status >= 400 }, <ImportPage page={request.page} problems={problems} error={error} />);

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

  app.post('/verwaltung/katalog/import', { bodyLimit: 3 * maxCatalogUpload, schema: { body: ImportBody }, attachValidation: true }, async (request, reply) => {
    const t = request.t;
    const upload = await readCatalogUpload(ctx, request.actor, ctx.files.uploadOf(request, 'file'));
    if (!upload.ok && upload.reason === 'refused') {
      const refusal = describeRefusal(upload.refusal, request.lang);
      return importPage(request, reply, refusal.status, [], t(refusal.key, refusal.values));
    }
    if (!upload.ok) return importPage(request, reply, uploadFailures[upload.reason].status, [], t(uploadFailures[upload.reason].key));
    const result = await importCatalog(ctx, request.actor, upload.data);
    if (!result.ok) return importPage(request, reply, 422, importProblemMessages(t, result.problems), t('catalog:transfer.rejected'));
    return reply.redirect('/verwaltung/katalog?notice=imported', 303);
  });
}
