import Type, { type Static } from 'typebox';
import { defineJob } from '#kernel/jobs.ts';
import { sendAccountMail } from './service.mail.ts';

export const AccountMailPayload = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  purpose: Type.Union([
    Type.Literal('verify'),
    Type.Literal('reset'),
    Type.Literal('invite'),
    Type.Literal('already-registered'),
    Type.Literal('password-changed'),
    Type.Literal('password-changed-sessions-kept'),
    Type.Literal('staff-signed-in'),
    Type.Literal('second-factor-reset'),
    /** To the new address: the link that makes it the account's. */
    Type.Literal('email-change-confirm'),
    /** To the old address: the account is about to move, and what to do if that was not its owner. */
    Type.Literal('email-change-notice'),
    /** To the owner of another account that has the address asked for. */
    Type.Literal('email-taken'),
  ]),
  /**
   * For a sign-in notice: the id of the session the sign-in began. Its time, browser and address are read
   * from the session when the mail goes out, so none of them rests in the queue.
   */
  session: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});
export type AccountMailPayload = Static<typeof AccountMailPayload>;
export type AccountMailPurpose = AccountMailPayload['purpose'];

/**
 * Account mails leave through this job. Its payload names the account and the purpose, nothing more: the
 * job itself makes a link's token when it sends, so no working link rests in the queue, where jobs are kept
 * for a week, and address and name are read when the mail goes out.
 */
export const accountMailJob = defineJob({
  name: 'accounts.send-account-mail',
  payload: AccountMailPayload,
  handler: async (payload, ctx) => sendAccountMail(ctx, payload),
});
