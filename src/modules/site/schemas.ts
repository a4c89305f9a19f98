import Type from 'typebox';

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
