import { Type } from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { registerErrorFormat } from '#kernel/http/error-formats.ts';
import type { App } from '#kernel/module.ts';
import { actions } from './actions.ts';
import { actionRateLimit, badRequest, ckanErrorFormat, openApiTags, success } from './envelope.ts';
import { envelopeOf, plainJson } from './openapi.ts';
import { paramsOf } from './params.ts';
import { ckanWriteRoutes } from './write-routes.ts';

/*
 * CKAN's Action API at both of CKAN's addresses, for GET and POST. Routes stay thin: decode CKAN's request
 * dictionary, run the action, wrap the envelope. Refusals of any kind under these prefixes answer in CKAN's
 * envelope through the registered error format.
 */

const prefixes = ['/api/3/action/', '/api/action/'] as const;
const Parameters = Type.Object({}, { additionalProperties: true, description: "CKAN's parameters of the action" });

export async function ckanRoutes(app: App, ctx: KernelContext): Promise<void> {
  const publicUrl = ctx.config.PUBLIC_URL;
  for (const prefix of prefixes) registerErrorFormat(app, prefix, ckanErrorFormat(publicUrl));

  // The write actions sit in a scope of their own (their guard and multipart parser), beside the read ones.
  await app.register(async (scope) => ckanWriteRoutes(scope, ctx, prefixes));
  for (const prefix of prefixes) {
    for (const [name, action] of Object.entries(actions)) {
      app.route({
        method: ['GET', 'POST'],
        url: `${prefix}${name}`,
        schema: { tags: openApiTags, summary: `CKAN ${name}`, querystring: Parameters, response: { 200: envelopeOf(name) }, hide: prefix !== '/api/3/action/' },
        serializerCompiler: plainJson,
        config: { csrf: false, rateLimit: actionRateLimit },
        handler: async (request) => {
          if (request.method === 'GET' && !action.sideEffectFree) throw badRequest('Bad request - Invalid request. Please use POST method for your request');
          const result = await action.run({ ctx, actor: request.actor, t: request.t, publicUrl }, paramsOf(request));
          return success(publicUrl, name, result);
        },
      });
    }
    app.route({
      method: ['GET', 'POST'],
      url: `${prefix}:action`,
      schema: { hide: true, params: Type.Object({ action: Type.String() }) },
      config: { csrf: false, rateLimit: actionRateLimit },
      handler: async (request) => {
        throw badRequest(`Bad request - Action name not known: ${request.params.action}`);
      },
    });
  }
}
