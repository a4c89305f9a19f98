import { finished } from 'node:stream/promises';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { anonymous, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { describeRefusal } from '#kernel/files/refusals.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { maxUploadBytes, uploadMediaTypes } from '../forms.staff.ts';
import { opendataPermissions } from '../permissions.ts';
import { actionOf, actionRateLimit, badRequest, openApiTags, success } from './envelope.ts';
import { envelopeOf, plainJson } from './openapi.ts';
import { paramsOf } from './params.ts';
import { writeActions, type WriteContext } from './write-actions.ts';

/*
 * The write actions, POST only, in a scope of their own: a guard that turns away a request without a
 * client token holding `opendata.publish` before its body is read, and a multipart parser that streams
 * `resource_create`'s `upload` into the file store as ckanapi sends it. CKAN's clients send the token
 * bare in `Authorization` (read by the kernel) or in `X-CKAN-API-Key` (read here).
 */

/** What each action is refused as, in CKAN's words (`ckan/logic/auth/*.py`). */
const deniedTo: Record<string, string> = {
  package_create: 'create packages',
  package_patch: 'edit packages',
  resource_create: 'create resources',
  datastore_upsert: 'update resources',
};

const userName = (actor: Actor) => (actor.kind === 'client' ? actor.name : '');

function guard(ctx: KernelContext) {
  const resolveClient = ctx.modules.find((module) => module.resolveClient)?.resolveClient;
  return async (request: FastifyRequest) => {
    // CKAN refuses a GET of an action with side effects before it looks at who asks.
    if (request.method === 'GET' || request.method === 'HEAD') throw badRequest('Bad request - Invalid request. Please use POST method for your request');
    const key = request.headers['x-ckan-api-key'];
    if (request.actor.kind === 'anonymous' && typeof key === 'string' && key.trim() && resolveClient) {
      request.actor = (await resolveClient(ctx.db, key.trim())) ?? anonymous;
    }
    // Clients hold exactly their scopes and are bound to no organisation; no staff session reaches here (no cookies without CSRF).
    if (!ctx.permissions.can(request.actor, opendataPermissions.publish, 'anywhere')) {
      const action = actionOf(request.url);
      throw new HttpProblem(403, 'opendata:ckan.errors.raw', { message: `Access denied: User ${userName(request.actor)} not authorized to ${deniedTo[action] ?? action}` });
    }
  };
}

/** `onFile` for the multipart parser: `upload` goes into the file store, anything else is drained. */
function uploads(ctx: KernelContext) {
  const store = ctx.files.onFile({ accept: uploadMediaTypes, maxBytes: maxUploadBytes });
  return async function (this: FastifyRequest, part: MultipartFile): Promise<void> {
    if (part.fieldname === 'upload') return store.call(this, part);
    part.file.resume();
    await finished(part.file);
  };
}

function uploadOf(ctx: KernelContext, request: FastifyRequest): WriteContext['upload'] {
  const upload = ctx.files.uploadOf(request, 'upload');
  if (!upload) return undefined;
  if (upload.result.ok) return { fileId: upload.result.file.id, filename: upload.filename, mediaType: upload.result.file.mediaType };
  const refusal = describeRefusal(upload.result, request.lang);
  return { refused: request.t(refusal.key, refusal.values) };
}

/**
 * Beyond the API's usual megabyte: a file sent with `resource_create`, and the batches of rows scripts send
 * to `datastore_upsert` (ckanapi's default of 250 records of a wide table can pass one megabyte).
 */
const bodyLimits: Partial<Record<string, number>> = {
  resource_create: 2 * maxUploadBytes + 1024 * 1024,
  datastore_upsert: 16 * 1024 * 1024,
};

export async function ckanWriteRoutes(app: App, ctx: KernelContext, prefixes: readonly string[]): Promise<void> {
  const publicUrl = ctx.config.PUBLIC_URL;
  app.addHook('onRequest', guard(ctx));
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 2 * maxUploadBytes, files: 1, fields: 100 },
    throwFileSizeLimit: false,
    onFile: uploads(ctx),
  });
  for (const prefix of prefixes) {
    for (const [name, action] of Object.entries(writeActions)) {
      app.route({
        method: ['GET', 'POST'],
        url: `${prefix}${name}`,
        ...(bodyLimits[name] === undefined ? {} : { bodyLimit: bodyLimits[name] }),
        schema: { tags: openApiTags, summary: `CKAN ${name}`, description: `Needs a client token with the scope ${opendataPermissions.publish}, sent as \`Authorization: <token>\`.`, response: { 200: envelopeOf(name) }, hide: prefix !== '/api/3/action/' },
        serializerCompiler: plainJson,
        config: { csrf: false, rateLimit: actionRateLimit },
        handler: async (request) => {
          const call: WriteContext = { ctx, actor: request.actor, t: request.t, publicUrl, upload: uploadOf(ctx, request) };
          return success(publicUrl, name, await action.run(call, paramsOf(request)));
        },
      });
    }
  }
}
