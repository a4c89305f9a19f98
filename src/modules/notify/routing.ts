import type { PostalAddress, RecipientProfile } from '#modules/accounts/index.ts';
import type { Channel } from './tables.ts';

export type RequiredChannel = 'email' | 'letter';

export type Recipient =
  | { kind: 'account'; profile: RecipientProfile }
  | { kind: 'guest'; name: string; email: string | null; postalAddress: PostalAddress | null };

export type Routing = { ok: true; channels: Channel[] } | { ok: false; reason: 'no-postal-address' | 'no-email' | 'no-channel' };

/**
 * Which channels carry a message. The person's choice decides (digital, letter or both); a channel the law
 * requires is added to it; someone who chose e-mail but has no confirmed address gets a letter instead.
 * Account holders always find the message in their inbox as well. A document to a guest goes by letter,
 * with an e-mail that says so when there is an address for one.
 */
export function route(recipient: Recipient, requiredByCaller: RequiredChannel | null, document = false): Routing {
  // A document reaches a guest on paper: an e-mail never carries it and a guest has no inbox to hold it.
  const required = document && recipient.kind === 'guest' ? 'letter' : requiredByCaller;
  const email = recipient.kind === 'account' ? recipient.profile.email : recipient.email;
  const address = recipient.kind === 'account' ? recipient.profile.postalAddress : recipient.postalAddress;
  if (required === 'letter' && !address) return { ok: false, reason: 'no-postal-address' };
  if (required === 'email' && !email) return { ok: false, reason: 'no-email' };

  const channels = new Set<Channel>();
  if (required) channels.add(required);
  if (recipient.kind === 'account') {
    channels.add('inbox');
    const preference = recipient.profile.preferredChannel;
    if (preference !== 'letter' && email) channels.add('email');
    if (preference !== 'digital' && address) channels.add('letter');
    // Digital first, analog always: without a confirmed e-mail address, paper is the way to reach them.
    if (preference === 'digital' && !email && address) channels.add('letter');
    if (preference === 'letter' && !address && email) channels.add('email');
  } else {
    // A guest gave what the procedure asked for; e-mail when there is one, otherwise the letter.
    if (email) channels.add('email');
    else if (address) channels.add('letter');
  }
  if (channels.size === 0) return { ok: false, reason: 'no-channel' };
  const order: Channel[] = ['inbox', 'email', 'letter'];
  return { ok: true, channels: order.filter((channel) => channels.has(channel)) };
}
