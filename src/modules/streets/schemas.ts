import Type, { type Static } from 'typebox';

/*
 * The street register's JSON API (/api/strassen). Fastify serialises through these schemas and the OpenAPI
 * description is generated from them.
 */

export const SuggestQuery = Type.Object({
  q: Type.String({ maxLength: 100, default: '', description: 'What was typed of a street name; case, umlauts and "Str."/"Straße" do not matter' }),
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'Most suggestions returned' }),
});
export type SuggestQuery = Static<typeof SuggestQuery>;

export const StreetItem = Type.Object({
  name: Type.String({ description: 'The street’s name as the register spells it' }),
  postcode: Type.String({ pattern: '^[0-9]{5}$' }),
  district: Type.Union([Type.String({ description: 'The Stadtbezirk' }), Type.Null()]),
  parkingZone: Type.Union([Type.String({ description: 'The residents’ parking zone, where the street lies in one' }), Type.Null()]),
  latitude: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
  longitude: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
});
export type StreetItem = Static<typeof StreetItem>;

export const Suggestions = Type.Object({
  items: Type.Array(StreetItem, { description: 'Streets whose name starts with what was typed, then those containing it; empty for an empty q' }),
});
export type Suggestions = Static<typeof Suggestions>;
