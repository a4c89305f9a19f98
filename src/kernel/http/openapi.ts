import fastifySwagger from '@fastify/swagger';
import type { KernelContext } from '../context.ts';
import type { App } from '../module.ts';

/**
 * Describes the JSON API under /api/ as OpenAPI 3, generated from the routes' own TypeBox schemas, so the
 * description cannot drift from what the routes accept and return. Served at /api/openapi.json. Must be
 * registered before any route, because it collects routes as they are added.
 */
export async function registerOpenApi(app: App, ctx: KernelContext): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `${ctx.config.CITY_NAME} – API`,
        description: 'Open interfaces of the digital city platform. Read endpoints need no key; all texts are German unless stated.',
        version: '1',
      },
      servers: [{ url: ctx.config.PUBLIC_URL }],
    },
    // Pages and forms are for people; only the machine interface is described.
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/') ? schema : { ...schema, hide: true }, url }),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
