import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { staffOnly } from '#kernel/http/guard.ts';
import type { App } from '#kernel/module.ts';
import { ImportBody } from './schemas.ts';
import { exportCatalog, importCatalog, transferCatalog } from './service.transfer.ts';
import { ImportPage } from './views/staff.tsx';

const maxUpload = 20 * 1024 * 1024;

/** Export and import of the catalogue in the back office (the CLI and the API offer the same). */
export async function transferRoutes(app: App, ctx: KernelContext): Promise<void> {
  // Checked before the upload is read: a visitor's 20 MB never reach the parser.
  app.addHook('onRequest', staffOnly(ctx, transferCatalog));
  // The upload arrives as multipart form data; its one file is JSON text, so it becomes a text field.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: maxUpload, files: 1, fields: 5 },
    onFile: async (part) => {
      (part as typeof part & { value: unknown }).value = (await part.toBuffer()).toString('utf8');
    },
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

  app.post('/verwaltung/katalog/import', { bodyLimit: maxUpload, schema: { body: ImportBody }, attachValidation: true }, async (request, reply) => {
    ctx.permissions.require(request.actor, transferCatalog);
    const t = request.t;
    const text = request.validationError ? undefined : request.body?.file?.trim();
    if (!text) return importPage(request, reply, 422, [], t('catalog:transfer.fileRequired'));
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return importPage(request, reply, 422, [], t('catalog:transfer.notJson'));
    }
    const result = await importCatalog(ctx, request.actor, t, data);
    if (!result.ok) return importPage(request, reply, 422, result.problems, t('catalog:transfer.rejected'));
    return reply.redirect('/verwaltung/katalog?notice=imported', 303);
  });
}
