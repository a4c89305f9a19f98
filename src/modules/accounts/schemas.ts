import Type, { type Static } from 'typebox';

export const TokenQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 100 })),
  lang: Type.Optional(Type.String()),
});
export type TokenQuery = Static<typeof TokenQuery>;

export const NextQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 500 })),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Type.Optional(Type.String()),
});
export type NextQuery = Static<typeof NextQuery>;

export const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type UserParams = Static<typeof UserParams>;
