import { describe, expect, it } from 'vitest';
import type { RecipientProfile } from '#modules/accounts/index.ts';
import { route, type Recipient } from './routing.ts';

const address = { street: 'Kölner Straße', houseNumber: '12a', postalCode: '41812', city: 'Erkelenz' };

function account(preferredChannel: RecipientProfile['preferredChannel'], has: { email?: boolean; address?: boolean } = {}): Recipient {
  return {
    kind: 'account',
    profile: { userId: 'u', name: 'Erika', language: 'de', preferredChannel, email: has.email === false ? null : 'erika@example.org', postalAddress: has.address === false ? null : address },
  };
}
const guest = (email: string | null, postalAddress: typeof address | null): Recipient => ({ kind: 'guest', name: 'Gast', email, postalAddress });

describe('channel routing', () => {
  it('follows the person’s choice, with the inbox always', () => {
    expect(route(account('digital'), null)).toEqual({ ok: true, channels: ['inbox', 'email'] });
    expect(route(account('letter'), null)).toEqual({ ok: true, channels: ['inbox', 'letter'] });
    expect(route(account('both'), null)).toEqual({ ok: true, channels: ['inbox', 'email', 'letter'] });
  });

  it('sends paper to someone who chose digital but has no confirmed e-mail address', () => {
    expect(route(account('digital', { email: false }), null)).toEqual({ ok: true, channels: ['inbox', 'letter'] });
    expect(route(account('digital', { email: false, address: false }), null)).toEqual({ ok: true, channels: ['inbox'] });
  });

  it('adds a channel the law requires and refuses when it cannot be honoured', () => {
    expect(route(account('digital'), 'letter')).toEqual({ ok: true, channels: ['inbox', 'email', 'letter'] });
    expect(route(account('letter'), 'email')).toEqual({ ok: true, channels: ['inbox', 'email', 'letter'] });
    expect(route(account('digital', { address: false }), 'letter')).toEqual({ ok: false, reason: 'no-postal-address' });
    expect(route(account('letter', { email: false }), 'email')).toEqual({ ok: false, reason: 'no-email' });
  });

  it('reaches guests by the e-mail they gave, or by post when they gave only an address', () => {
    expect(route(guest('gast@example.org', address), null)).toEqual({ ok: true, channels: ['email'] });
    expect(route(guest(null, address), null)).toEqual({ ok: true, channels: ['letter'] });
    expect(route(guest('gast@example.org', address), 'letter')).toEqual({ ok: true, channels: ['email', 'letter'] });
    expect(route(guest(null, null), null)).toEqual({ ok: false, reason: 'no-channel' });
    expect(route(guest('gast@example.org', null), 'letter')).toEqual({ ok: false, reason: 'no-postal-address' });
    // A document cannot travel by e-mail and a guest has no inbox: it goes by letter, the e-mail only says so.
    expect(route(guest('gast@example.org', address), null, true)).toEqual({ ok: true, channels: ['email', 'letter'] });
    expect(route(guest('gast@example.org', null), null, true)).toEqual({ ok: false, reason: 'no-postal-address' });
    expect(route(account('digital', { address: false }), null, true)).toEqual({ ok: true, channels: ['inbox', 'email'] });
  });
});
