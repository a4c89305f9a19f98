import Type, { type Static } from 'typebox';

/*
 * Addresses and query strings of the catalogue's pages. Its forms are definitions of the kernel's forms
 * library (forms.ts and the files it gathers), which declare their bodies.
 */

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
export type SlugParams = Static<typeof SlugParams>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type IdParams = Static<typeof IdParams>;

export const IndexQuery = Type.Object({
  lebenslage: Type.Optional(Type.String({ maxLength: 80 })),
  dienststelle: Type.Optional(Type.String({ maxLength: 80 })),
  seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  lang: Type.Optional(Type.String()),
});
export type IndexQuery = Static<typeof IndexQuery>;

export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) });
export type NoticeQuery = Static<typeof NoticeQuery>;
