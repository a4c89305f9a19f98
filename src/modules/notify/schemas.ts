import Type, { type Static } from 'typebox';

const csrf = { _csrf: Type.Optional(Type.String()) };
const uuid = Type.String({ format: 'uuid' });

export const IdParams = Type.Object({ id: uuid });
export type IdParams = Static<typeof IdParams>;

export const AttachmentParams = Type.Object({ id: uuid, attachmentId: uuid });
export type AttachmentParams = Static<typeof AttachmentParams>;

export const PurposeParams = Type.Object({ purpose: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }) });
export type PurposeParams = Static<typeof PurposeParams>;

export const VersionParams = Type.Object({ purpose: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }), version: Type.Integer({ minimum: 1 }) });
export type VersionParams = Static<typeof VersionParams>;

export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) });
export type NoticeQuery = Static<typeof NoticeQuery>;

export const BatchStatusBody = Type.Object({ ...csrf, status: Type.Union([Type.Literal('printed'), Type.Literal('posted')], { title: 'notify:print.status' }) });
export type BatchStatusBody = Static<typeof BatchStatusBody>;
