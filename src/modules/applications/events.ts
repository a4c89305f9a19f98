import Type from 'typebox';
import { defineEvent } from '#kernel/events/define.ts';

/** An application reached the city, whichever channel it came by: proactive offers, payments and figures follow it. */
export const caseSubmitted = defineEvent({
  name: 'applications.case-submitted',
  version: 1,
  payload: Type.Object({
    caseId: Type.String({ format: 'uuid' }),
    formKey: Type.String(),
    serviceSlug: Type.Union([Type.String(), Type.Null()]),
    officeId: Type.String({ format: 'uuid' }),
    channel: Type.String(),
    userId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  }),
});
