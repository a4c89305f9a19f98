import Type, { type Static } from 'typebox';
import { attachmentTypes } from './attachments.ts';

/** The wire format of `POST /api/v1/notifications`; titles name each field in error messages. */
export const NotificationBody = Type.Object(
  {
    purpose: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9-]+$', title: 'notify:api.fields.purpose' }),
    cause: Type.String({ minLength: 1, maxLength: 200, title: 'notify:api.fields.cause' }),
    recipient: Type.Object(
      {
        userId: Type.Optional(Type.String({ format: 'uuid', title: 'notify:api.fields.userId' })),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, title: 'notify:api.fields.name' })),
        email: Type.Optional(Type.String({ maxLength: 254, title: 'notify:api.fields.email' })),
        language: Type.Optional(Type.Union([Type.Literal('de'), Type.Literal('en')], { title: 'notify:api.fields.language' })),
        postalAddress: Type.Optional(
          Type.Object(
            {
              street: Type.String({ minLength: 1, maxLength: 200, title: 'notify:api.fields.street' }),
              houseNumber: Type.String({ minLength: 1, maxLength: 20, title: 'notify:api.fields.houseNumber' }),
              postalCode: Type.String({ pattern: '^\\d{5}$', title: 'notify:api.fields.postalCode' }),
              city: Type.String({ minLength: 1, maxLength: 200, title: 'notify:api.fields.city' }),
            },
            { title: 'notify:api.fields.postalAddress' },
          ),
        ),
      },
      { title: 'notify:api.fields.recipient' },
    ),
    values: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }), Type.Union([Type.String({ maxLength: 10_000 }), Type.Number()]), { title: 'notify:api.fields.values' }),
    requiredChannel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('letter')], { title: 'notify:api.fields.requiredChannel' })),
    link: Type.Optional(Type.String({ pattern: '^/[^/]', maxLength: 500, title: 'notify:api.fields.link' })),
    document: Type.Optional(Type.Boolean({ title: 'notify:api.fields.document' })),
    attachments: Type.Optional(
      Type.Array(
        Type.Object({
          filename: Type.String({ minLength: 1, maxLength: 200, title: 'notify:api.fields.filename' }),
          contentType: Type.Union(attachmentTypes.map((type) => Type.Literal(type)), { title: 'notify:api.fields.contentType' }),
          contentBase64: Type.String({ minLength: 1, maxLength: 900_000, pattern: '^[A-Za-z0-9+/]+={0,2}$', title: 'notify:api.fields.content' }),
        }),
        { maxItems: 5, title: 'notify:api.fields.attachments' },
      ),
    ),
  },
  { title: 'notify:api.fields.body' },
);
export type NotificationBody = Static<typeof NotificationBody>;

const Delivery = Type.Object({ channel: Type.String(), status: Type.String(), updatedAt: Type.String({ format: 'date-time' }) });

export const NotificationCreated = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String(),
  purpose: Type.String(),
  duplicate: Type.Boolean(),
  deliveries: Type.Array(Delivery),
});
export type NotificationCreated = Static<typeof NotificationCreated>;
