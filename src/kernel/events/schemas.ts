import Type, { type Static } from 'typebox';

export const OperationsQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) });
export type OperationsQuery = Static<typeof OperationsQuery>;

export const ReplayBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  queue: Type.String({ minLength: 1, maxLength: 200, title: 'kernel:operations.fields.queue' }),
  id: Type.String({ format: 'uuid', title: 'kernel:operations.fields.id' }),
});
export type ReplayBody = Static<typeof ReplayBody>;
