import { defineModule, type App } from '#kernel/module.ts';
import type { KernelContext } from '#kernel/context.ts';
import { resolveActor } from './actor.ts';
import { accountsAuditSubjects } from './audit-words.ts';
import { resolveClient } from './clients.ts';
import { accountRegistered } from './events.ts';
import { createApiClientCommand, createStaffCommand, revokeApiClientCommand } from './commands.ts';
import { accountMailJob } from './jobs.ts';
import { accountsDb, deleteRecoveryCodesUsedBefore, deleteTokensExpiredBefore, deleteUnverifiedCitizensBefore, forgetPendingEmailsBefore } from './repo.ts';
import { deleteQuietThrottles } from './repo.throttles.ts';
import { accountRoutes } from './routes.account.tsx';
import { authRoutes } from './routes.auth.tsx';
import { emailConfirmationRoutes } from './routes.credentials.tsx';
import { recoveryRoutes } from './routes.recovery.tsx';
import { staffRoutes } from './routes.staff.tsx';
import { seedDemoAccounts } from './seed.ts';
import { citizenAccounts, letterPreferenceShare } from './stats.ts';
import { accountsSettings } from './settings.ts';
import { readAuditLog } from './service.audit.ts';
import { manageStaff } from './service.staff.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import { accountsMigrations } from './migrations/index.ts';

const day = 86_400_000;

export const accountsModule = defineModule({
  id: 'accounts',
  migrations: accountsMigrations,
  // Three scopes, because "Mein Konto" and the back office each guard all their routes with one hook.
  routes: async (app: App, ctx: KernelContext) => {
    await authRoutes(app, ctx);
    await recoveryRoutes(app, ctx);
    await emailConfirmationRoutes(app, ctx);
    await app.register(async (scope) => accountRoutes(scope, ctx));
    await app.register(async (scope) => staffRoutes(scope, ctx));
  },
  nav: [{ path: '/konto', label: 'accounts:nav.account', order: 60 }],
  about: { heading: 'accounts:about.heading', text: 'accounts:about.text', easyText: 'accounts:about.easy', href: '/konto', order: 60 },
  staffLinks: [
    { path: '/verwaltung/mitarbeitende', label: 'accounts:staff.title', permission: manageStaff, order: 90 },
    { path: '/verwaltung/protokoll', label: 'accounts:auditLog.title', permission: readAuditLog, order: 95 },
  ],
  permissions: { [manageStaff]: ['administrator'], [readAuditLog]: ['administrator'] },
  settings: accountsSettings,
  jobs: [accountMailJob],
  events: [accountRegistered],
  locales: { de, en },
  stats: [citizenAccounts, letterPreferenceShare],
  auditSubjects: accountsAuditSubjects,
  resolveActor,
  resolveClient,
  commands: [createStaffCommand, createApiClientCommand, revokeApiClientCommand],
  seed: seedDemoAccounts,
  retention: [
    {
      id: 'accounts.unverified-registrations',
      description: 'accounts:retention.unverified',
      table: 'users',
      columns: ['email', 'display_name', 'password_hash'],
      purge: (db, now) => deleteUnverifiedCitizensBefore(accountsDb(db), new Date(now.getTime() - 7 * day)),
    },
    {
      id: 'accounts.tokens',
      description: 'accounts:retention.tokens',
      table: 'account_tokens',
      columns: ['token_hash', 'user_id'],
      purge: (db, now) => deleteTokensExpiredBefore(accountsDb(db), new Date(now.getTime() - day)),
    },
    {
      id: 'accounts.sign-in-throttles',
      description: 'accounts:retention.throttles',
      table: 'account_throttles',
      // A keyed hash of the account (or address typed) and the client address, never either itself.
      columns: ['key_hash'],
      purge: (db, now) => deleteQuietThrottles(accountsDb(db), new Date(now.getTime() - day), now),
    },
    {
      id: 'accounts.recovery-codes',
      description: 'accounts:retention.recoveryCodes',
      table: 'recovery_codes',
      columns: ['user_id', 'code_hash'],
      purge: (db, now) => deleteRecoveryCodesUsedBefore(accountsDb(db), new Date(now.getTime() - day)),
    },
    {
      id: 'accounts.pending-email-changes',
      description: 'accounts:retention.pendingEmail',
      table: 'users',
      columns: ['pending_email'],
      // The link to confirm it works a day; a day later the address it was for is forgotten.
      purge: (db, now) => forgetPendingEmailsBefore(accountsDb(db), new Date(now.getTime() - 2 * day)),
    },
    {
      id: 'accounts.accounts',
      description: 'accounts:retention.accounts',
      table: 'users',
      columns: ['display_name', 'email', 'street', 'house_number', 'postal_code', 'city', 'preferred_channel', 'language'],
      // Kept for as long as the account exists; deleting the account deletes them (GDPR Art. 17).
      purge: async () => 0,
    },
    {
      id: 'accounts.external-logins',
      description: 'accounts:retention.externalLogins',
      table: 'oidc_identities',
      columns: ['issuer', 'subject', 'user_id'],
      // The sign-in needs them while the account exists; the foreign key deletes them with the account.
      purge: async () => 0,
    },
    {
      id: 'accounts.consent-ledger',
      description: 'accounts:retention.consents',
      table: 'consent_ledger',
      columns: ['subject_id', 'user_id', 'wording'],
      // Proof of what a person agreed to is kept while the record it concerns exists: the foreign key
      // deletes an account's entries with it; a module's retention rule those of its own records (forgetConsents).
      purge: async () => 0,
    },
  ],
});
