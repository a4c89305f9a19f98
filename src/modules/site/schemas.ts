import Type, { type Static } from 'typebox';

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, title: 'site:search.queryLabel' })),
  lang: Type.Optional(Type.String()),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const FeedbackBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  page: Type.Optional(Type.String({ maxLength: 500, title: 'site:accessibility.form.page' })),
  message: Type.String({ maxLength: 5000, title: 'site:accessibility.form.message' }),
  name: Type.Optional(Type.String({ maxLength: 200, title: 'site:accessibility.form.name' })),
  email: Type.Optional(Type.String({ maxLength: 254, title: 'site:accessibility.form.email' })),
});
export type FeedbackBody = Static<typeof FeedbackBody>;
