import Type, { type Static } from 'typebox';
import { deliveryStatuses } from './tables.ts';

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

// Empty is allowed: a cleared field or "all" in a GET form arrives as an empty value and means "not set".
const day = Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', title: 'notify:staff.day' });

export const MessagesQuery = Type.Object({
  day: Type.Optional(day),
  status: Type.Optional(Type.Union([Type.Literal(''), ...deliveryStatuses.map((status) => Type.Literal(status))], { title: 'notify:staff.status' })),
  channel: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('email'), Type.Literal('letter'), Type.Literal('inbox')], { title: 'notify:staff.channel' })),
  lang: Type.Optional(Type.String()),
});
export type MessagesQuery = Static<typeof MessagesQuery>;

export const DayQuery = Type.Object({ day: Type.Optional(day), notice: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) });
export type DayQuery = Static<typeof DayQuery>;

export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) });
export type NoticeQuery = Static<typeof NoticeQuery>;

export const TemplateBody = Type.Object({
  ...csrf,
  basedOn: Type.Integer({ minimum: 1 }),
  subject_de: Type.String({ maxLength: 200, title: 'notify:templates.fields.subject_de' }),
  body_de: Type.String({ maxLength: 10_000, title: 'notify:templates.fields.body_de' }),
  subject_en: Type.String({ maxLength: 200, title: 'notify:templates.fields.subject_en' }),
  body_en: Type.String({ maxLength: 10_000, title: 'notify:templates.fields.body_en' }),
  action: Type.Optional(Type.Union([Type.Literal('preview'), Type.Literal('save')])),
});
export type TemplateBody = Static<typeof TemplateBody>;

export const BatchStatusBody = Type.Object({ ...csrf, status: Type.Union([Type.Literal('printed'), Type.Literal('posted')], { title: 'notify:print.status' }) });
export type BatchStatusBody = Static<typeof BatchStatusBody>;

export const ReturnedBody = Type.Object({ ...csrf, note: Type.Optional(Type.String({ maxLength: 500, title: 'notify:staff.returnNote' })) });
export type ReturnedBody = Static<typeof ReturnedBody>;

export const EmptyBody = Type.Object({ ...csrf });
