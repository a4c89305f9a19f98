import type { KernelContext } from '#kernel/context.ts';
import { hashPassword } from './passwords.ts';
import { accountsDb, findUserByEmail, insertUser, replaceRoles } from './repo.ts';

/** Shown in the README; these accounts exist only in demo installations and never in production. */
export const demoPassword = 'Erkelenz-Demo-2026';
export const demoTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export async function seedDemoAccounts(ctx: KernelContext): Promise<void> {
  if (ctx.config.NODE_ENV === 'production') {
    ctx.log.warn('demo accounts are not created when NODE_ENV=production');
    return;
  }
  const passwordHash = await hashPassword(demoPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    if (await findUserByEmail(db, 'erika.mustermann@erkelenz.example')) return;
    await insertUser(db, {
      kind: 'citizen',
      email: 'erika.mustermann@erkelenz.example',
      email_verified_at: new Date(),
      password_hash: passwordHash,
      display_name: 'Erika Mustermann (Demo)',
      preferred_channel: 'both',
      street: 'Johannismarkt',
      house_number: '17',
      postal_code: '41812',
      city: 'Erkelenz',
    });
    const admin = await insertUser(db, {
      kind: 'staff',
      email: 'admin@erkelenz.example',
      email_verified_at: new Date(),
      password_hash: passwordHash,
      display_name: 'Demo-Administration',
      totp_secret: demoTotpSecret,
      totp_confirmed_at: new Date(),
    });
    // Every role that holds everywhere, so one demo login shows the whole back office.
    const roles = ctx.permissions.roles.filter((role) => !role.scope).map((role) => ({ role: role.id }));
    await replaceRoles(db, admin.id, roles);
  });
}
