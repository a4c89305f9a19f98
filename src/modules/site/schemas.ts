import Type, { type Static, type TSchema } from 'typebox';

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, title: 'site:search.queryLabel' })),
  typ: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, title: 'site:search.facets.type' })),
  seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, title: 'site:search.page' })),
  lang: Type.Optional(Type.String()),
});
export type SearchQuery = Static<typeof SearchQuery>;

/** The search address also accepts every facet a module declares (`lebenslage`, `dienststelle`, …). */
export function searchQueryWith(facets: readonly { name: string; label: string }[]) {
  const extra: Record<string, TSchema> = Object.fromEntries(
    facets.map((facet) => [facet.name, Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, title: facet.label }))]),
  );
  return Type.Object({ ...SearchQuery.properties, ...extra });
}

export const SuggestQuery = Type.Object({
  q: Type.String({ maxLength: 200, description: 'What the person has typed so far' }),
  lang: Type.Optional(Type.Union([Type.Literal('de'), Type.Literal('en')])),
});

export const Suggestions = Type.Object({
  query: Type.String(),
  suggestions: Type.Array(
    Type.Object({
      title: Type.String(),
      url: Type.String(),
      type: Type.String({ description: 'Kind of document, e.g. service' }),
      typeLabel: Type.String({ description: 'The kind in the requested language' }),
    }),
  ),
});
