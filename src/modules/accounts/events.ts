import Type from 'typebox';
import { defineEvent } from '#kernel/events/define.ts';

/**
 * A person now has a citizen account they can sign in to: the first time, and only then, an account
 * becomes usable. For an e-mail registration that is when the address is confirmed (by the confirmation
 * link's button, or by a reset link that proves the mailbox first), not at creation: an unconfirmed
 * registration may not even be its registrant's and is deleted after a week. For OpenID Connect it is the
 * first sign-in that creates the account or takes over an unconfirmed registration with the vouched
 * address. Staff accounts never publish it. Ids only: a subscriber that needs more asks
 * `recipientProfile`.
 */
export const accountRegistered = defineEvent({
  name: 'accounts.registered',
  version: 1,
  payload: Type.Object(
    {
      userId: Type.String({ format: 'uuid' }),
      // Spelt out: a new way in must be a deliberate change of this contract.
      how: Type.Union([Type.Literal('email'), Type.Literal('oidc')]),
      language: Type.Union([Type.Literal('de'), Type.Literal('en')]),
    },
    { additionalProperties: false },
  ),
});
