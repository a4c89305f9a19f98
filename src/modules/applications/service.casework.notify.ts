import type { Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { recipientProfile, type RecipientProfile } from '#modules/accounts/index.ts';
import { sendNotification, type Channel, type NotificationInput } from '#modules/notify/index.ts';
import type { FormDefinition } from './definition/schema.ts';
import type { prescribedDelivery } from './procedures.ts';
import type { CaseRow } from './tables.ts';

/*
 * How the back office reaches the person who applied: an account by its own choice of channel (and always
 * its inbox), a guest by the e-mail address or the postal address given on the case. A guest who gave
 * neither has no way to be written to; the case page says so, and staff telephone them instead.
 */

export type Reach = { by: 'account'; profile: RecipientProfile } | { by: 'guest'; email: boolean; letter: boolean } | { by: 'none' };

/** Whether and how messages reach the applicant of a case; an account closed since counts as a guest. */
export async function reachOf(db: Executor<KernelTables>, made: Pick<CaseRow, 'user_id' | 'applicant'>): Promise<Reach> {
  const profile = made.user_id ? await recipientProfile(db, made.user_id) : undefined;
  if (profile) return { by: 'account', profile };
  const { applicant } = made;
  if (!applicant.name.trim() || (!applicant.email && !applicant.postalAddress)) return { by: 'none' };
  return { by: 'guest', email: Boolean(applicant.email), letter: Boolean(applicant.postalAddress) };
}

/** The one way a procedure prescribes for a case's result (`prescribedDelivery`): a letter to the form's address. */
export type Prescribed = NonNullable<ReturnType<typeof prescribedDelivery>>;

/** Whether a formal decision, which goes by letter, has an address to go to: the prescribed one, if any. */
export function letterPossible(reach: Reach, prescribed?: Prescribed | null): boolean {
  if (prescribed) return prescribed.recipient.postalAddress !== null;
  if (reach.by === 'account') return reach.profile.postalAddress !== null;
  return reach.by === 'guest' && reach.letter;
}

export interface CaseMessage {
  purpose: 'case-status-changed' | 'case-message' | 'case-information-requested' | 'decision-notice' | 'case-withdrawn' | 'case-information-reminder';
  /** The template's values in the recipient's language (the form's title, a status in words). */
  values: (language: Language) => Record<string, string | number>;
  /** Unique per step or message of the case: the same cause never sends twice. */
  cause: string;
  /** A formal document (a decision): a PDF in the inbox, an e-mail that only says it is ready (notify's `document`). */
  document?: boolean;
  /** The way the procedure prescribes, instead of the applicant's own channels. */
  prescribed?: Prescribed | null;
}

export type Told = { told: true; channels: Channel[] } | { told: false; reason: 'unreachable' | 'no-postal-address' };

/** The form's title in the reader's language, as messages name the matter. */
export const serviceTitle = (definition: FormDefinition, language: Language) => definition.title[language] ?? definition.title.de;

/**
 * Sends one message about a case in the caller's transaction (outbox). A person the city cannot write to
 * is not an error of the step: the answer says so and the step stands. A decision that must go by letter
 * to someone without a postal address is answered `no-postal-address`, for the caller to choose.
 */
export async function tellApplicant(ctx: KernelContext, trx: Executor<KernelTables>, made: CaseRow, reach: Reach, message: CaseMessage): Promise<Told> {
  const { prescribed } = message;
  if (reach.by === 'none' && !prescribed) return { told: false, reason: 'unreachable' };
  const { applicant } = made;
  const language = prescribed ? prescribed.recipient.language : reach.by === 'account' ? reach.profile.language : applicant.language;
  const recipient: NotificationInput['recipient'] =
    prescribed?.recipient ?? (reach.by === 'account' ? { userId: reach.profile.userId } : { name: applicant.name, language, email: applicant.email, postalAddress: applicant.postalAddress });
  const result = await sendNotification(ctx, trx, {
    purpose: message.purpose,
    recipient,
    values: message.values(language),
    cause: message.cause,
    // A prescribed letter goes to the address, not to the account: no link into it either.
    ...(reach.by === 'account' && !prescribed ? { link: `/konto/antraege/${made.id}` } : {}),
    ...(prescribed ? { requiredChannel: prescribed.requiredChannel } : {}),
    ...(message.document ? { document: true } : {}),
  });
  if (result.ok) return { told: true, channels: result.channels };
  if (result.reason === 'no-postal-address') return { told: false, reason: 'no-postal-address' };
  // What the applicant gave did not make an address notify can use (a guest's address without a postcode).
  if (result.reason === 'invalid-recipient' || result.reason === 'unknown-recipient' || result.reason === 'no-channel' || result.reason === 'no-email') return { told: false, reason: 'unreachable' };
  throw new Error(`Message ${message.purpose} about case ${made.id} refused: ${result.reason}`);
}
