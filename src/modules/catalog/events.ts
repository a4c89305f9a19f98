import Type from 'typebox';
import { defineEvent } from '#kernel/events/define.ts';

/**
 * An entry of the catalogue (a service, an office or a life situation, by `kind`) was published: its draft
 * became what citizens see. `version` is the entry's revision that went public, so a subscriber can tell a
 * republication from the first.
 */
export const servicePublished = defineEvent({
  name: 'catalog.service-published',
  version: 1,
  payload: Type.Object({
    entryId: Type.String({ format: 'uuid' }),
    slug: Type.String({ minLength: 1 }),
    // Spelt out rather than mapped from entryKinds: a new kind must be a deliberate change of this contract.
    kind: Type.Union([Type.Literal('service'), Type.Literal('office'), Type.Literal('situation')]),
    version: Type.Integer({ minimum: 1 }),
  }),
});
