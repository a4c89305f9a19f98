import type { KernelContext } from '#kernel/context.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import type { AccountMailPayload, AccountMailPurpose } from './jobs.ts';
import { describeBrowser } from './devices.ts';
import { composeAccountMail, type AccountMail } from './mails.ts';
import { accountsDb, findUserById, issueToken } from './repo.ts';
import type { TokenPurpose, User } from './tables.ts';

const hour = 3_600_000;

/** Links that carry a token: where they lead and how long they work. */
const links = {
  verify: { path: '/registrieren/bestaetigen', token: 'verify-email', validMs: 48 * hour },
  reset: { path: '/passwort-neu', token: 'reset-password', validMs: hour },
  invite: { path: '/einladung', token: 'invite', validMs: 7 * 24 * hour },
  'email-change-confirm': { path: '/e-mail-bestaetigen', token: 'change-email', validMs: 24 * hour },
} as const satisfies Record<string, { path: string; token: TokenPurpose; validMs: number }>;

const mailOf: Record<AccountMailPurpose, AccountMail> = {
  verify: 'verify',
  reset: 'reset',
  invite: 'invite',
  'already-registered': 'alreadyRegistered',
  'password-changed': 'passwordChanged',
  'password-changed-sessions-kept': 'passwordChangedSessionsKept',
  'email-change-confirm': 'emailChangeConfirm',
  'email-change-notice': 'emailChangeNotice',
  'email-taken': 'emailTaken',
  'staff-signed-in': 'staffSignedIn',
  'second-factor-reset': 'secondFactorReset',
};

/** A mail asked for a while ago may no longer be wanted: the address was confirmed, the account disabled. */
function stillDue(user: User, purpose: AccountMailPurpose): boolean {
  switch (purpose) {
    case 'verify':
      return user.kind === 'citizen' && !user.email_verified_at;
    case 'reset':
    case 'invite':
    case 'staff-signed-in':
    case 'second-factor-reset':
      return !user.disabled_at;
    case 'email-change-confirm':
      return user.pending_email !== null && !user.disabled_at;
    case 'email-change-notice':
      return user.pending_email !== null;
    case 'already-registered':
    case 'password-changed':
    case 'password-changed-sessions-kept':
    case 'email-taken':
      return true;
  }
}

/**
 * Who the mail goes to. The link for a new address goes to that address, greeted without the account's
 * name: whoever typed the address is not yet known to own it, and the city's mail must not carry their
 * words to a stranger.
 */
function recipientOf(user: User, purpose: AccountMailPurpose): (User & { email: string }) | undefined {
  if (purpose === 'email-change-confirm') return user.pending_email ? { ...user, email: user.pending_email, email_verified_at: null } : undefined;
  return user.email ? { ...user, email: user.email } : undefined;
}

/**
 * The handler of `accountMailJob`: reads the account as it is now, makes the link's token (earlier links of
 * the same purpose stop working) and sends through the platform's mailer. A failed send throws, and the
 * job's retry makes a new token.
 */
export async function sendAccountMail(ctx: KernelContext, payload: AccountMailPayload): Promise<void> {
  const user = await findUserById(accountsDb(ctx.db), payload.userId);
  const recipient = user && stillDue(user, payload.purpose) ? recipientOf(user, payload.purpose) : undefined;
  if (!user || !recipient) return;
  const values = await valuesFor(ctx, user, payload);
  await ctx.mailer.send(composeAccountMail(ctx, recipient, mailOf[payload.purpose], values));
}

async function valuesFor(ctx: KernelContext, user: User, payload: AccountMailPayload): Promise<Record<string, string>> {
  const url = ctx.config.PUBLIC_URL;
  const common = { loginUrl: `${url}/anmelden`, resetUrl: `${url}/passwort-vergessen` };
  switch (payload.purpose) {
    case 'verify':
    case 'reset':
    case 'invite':
    case 'email-change-confirm': {
      const link = links[payload.purpose];
      const token = await ctx.db.transaction().execute((trx) => issueToken(accountsDb(trx), user.id, link.token, link.validMs));
      return { ...common, link: `${url}${link.path}?token=${token}` };
    }
    case 'staff-signed-in': {
      const t = ctx.i18n.getFixedT(user.language);
      const sessions = payload.session ? await ctx.sessions.store.listFor(user.id) : [];
      const session = sessions.find((row) => row.token_hash === payload.session);
      // Signed out before the mail went out: the details left with the session, the warning still goes.
      if (!session) return { ...common, time: t('accounts:mail.sessionEnded'), browser: '–', address: '–' };
      return { ...common, time: formatDateTime(session.created_at, user.language), browser: describeBrowser(t, session.user_agent ?? ''), address: session.ip ?? '–' };
    }
    case 'email-change-notice':
      return { ...common, newEmail: user.pending_email ?? '', accountUrl: `${url}/konto` };
    case 'already-registered':
    case 'password-changed':
    case 'password-changed-sessions-kept':
    case 'second-factor-reset':
    case 'email-taken':
      return common;
  }
}
