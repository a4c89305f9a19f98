import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import type { App } from '#kernel/module.ts';
import { contentTypes, serialise, type RdfFormat } from './serialise.ts';
import { catalogRecord, datasetRecord } from './service.ts';

const formats: readonly RdfFormat[] = ['ttl', 'rdf', 'jsonld'];

const CatalogQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  /** ckanext-dcat's parameter: only datasets changed at or after this instant (ISO 8601). */
  modified_since: Type.Optional(Type.String({ maxLength: 40 })),
});
const DatasetParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });

/** An ISO 8601 day or instant; anything else is refused rather than read as some other day. */
function instantOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new HttpProblem(400, 'opendata:dcat.badModifiedSince', { value: text });
  return date;
}

/** The DCAT-AP.de catalogue (paged, as harvesters walk it) and each dataset's record, in Turtle, RDF/XML and JSON-LD. */
export async function dcatRoutes(app: App, ctx: KernelContext): Promise<void> {
  for (const format of formats) {
    app.get(`/catalog.${format}`, { schema: { querystring: CatalogQuery } }, async (request, reply) => {
      const modifiedSince = instantOf(request.query.modified_since);
      const result = await catalogRecord(ctx, { format, page: request.query.page ?? 1, modifiedSince });
      if (!result.ok) throw new HttpProblem(404, 'opendata:dcat.pageOutOfRange');
      return reply.type(contentTypes[format]).header('access-control-allow-origin', '*').send(await serialise(result.quads, format));
    });

    app.get(`/daten/:name/dcat.${format}`, { schema: { params: DatasetParams } }, async (request, reply) => {
      const quads = await datasetRecord(ctx, request.params.name);
      if (!quads) throw new HttpProblem(404, 'opendata:dcat.notFound');
      return reply.type(contentTypes[format]).header('access-control-allow-origin', '*').send(await serialise(quads, format));
    });
  }
}
