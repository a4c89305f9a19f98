import type { KernelContext } from '#kernel/context.ts';
import { problemResponses } from '#kernel/http/problem-json.ts';
import type { App } from '#kernel/module.ts';
import { suggestStreets } from './index.ts';
import { SuggestQuery, Suggestions, type StreetItem } from './schemas.ts';

const tags = ['Straßenverzeichnis'];

/** Suggestions asked for as a person types: plenty for that, and a limit for scripts reading the register. */
const rateLimit = { max: 120, timeWindow: '1 minute' };

export async function apiRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.get(
    '/api/strassen',
    {
      schema: { tags, summary: 'Streets of the city whose name starts with or contains what was typed', querystring: SuggestQuery, response: { 200: Suggestions, ...problemResponses(400, 429) } },
      config: { rateLimit },
    },
    async (request) => {
      const streets = await suggestStreets(ctx.db, request.query.q, request.query.limit);
      return {
        items: streets.map(
          (street): StreetItem => ({ name: street.name, postcode: street.postcode, district: street.district, parkingZone: street.parkingZone, latitude: street.latitude, longitude: street.longitude }),
        ),
      };
    },
  );
}
