import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { Language } from '#kernel/auth/actor.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { accountsDb, displayNames, findUserByEmail, findUserById, staffWithRole, staffWithRoles } from './repo.ts';
import type { Channel } from './tables.ts';

/*
 * What other modules may know about accounts. They import from here, never from the module's inner files.
 */

export type { Channel };
export { accountRegistered } from './events.ts';
export { sessionAssurance, type IdentityAssurance } from './oidc.ts';
export { createStaff, type CreateStaffResult, type StaffInput } from './service.staff.ts';
export { consentHistory, consentHolds, consentSubjectIds, forgetConsents, recordConsent, type ConsentEntry, type ConsentSubject } from './repo.consent.ts';
export type { ConsentChannel, ConsentDecision } from './tables.ts';

export interface PostalAddress {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
}

export interface RecipientProfile {
  userId: string;
  name: string;
  /** Only a confirmed address: mail to an unconfirmed one may reach someone else. */
  email: string | null;
  language: Language;
  preferredChannel: Channel;
  /** Only a complete address; a partial one cannot carry a letter. */
  postalAddress: PostalAddress | null;
}

/** How to reach a person: name, confirmed e-mail, postal address, language and chosen channel. */
export async function recipientProfile(db: Executor<KernelTables>, userId: string): Promise<RecipientProfile | undefined> {
  const user = await findUserById(accountsDb(db), userId);
  if (!user || user.disabled_at) return undefined;
  const { street, house_number: houseNumber, postal_code: postalCode, city } = user;
  return {
    userId: user.id,
    name: user.display_name,
    email: user.email && user.email_verified_at ? user.email : null,
    language: user.language,
    preferredChannel: user.preferred_channel,
    postalAddress: street && houseNumber && postalCode && city ? { street, houseNumber, postalCode, city } : null,
  };
}

/**
 * The citizen account with this confirmed e-mail address, for staff who link an application they enter
 * for someone to that person's account. An address nobody confirmed may be anyone's, so it finds nothing;
 * nor does a staff account or a disabled one.
 */
export async function citizenByEmail(db: Executor<KernelTables>, email: string): Promise<RecipientProfile | undefined> {
  const address = normaliseEmail(email);
  const user = address ? await findUserByEmail(accountsDb(db), address) : undefined;
  if (!user || user.kind !== 'citizen' || !user.email_verified_at) return undefined;
  return recipientProfile(db, user.id);
}

/** Names of accounts by id, for pages that show who holds or did something (the person a case is assigned to). */
export async function accountNames(db: Executor<KernelTables>, ids: readonly string[]): Promise<Map<string, string>> {
  return displayNames(accountsDb(db), ids);
}

/**
 * The active staff who hold a role at one scope, such as the caseworkers of an office a case can be handed
 * to; without a scope, those holding a role that is bound to none (the trainers a course can name).
 */
export async function staffHolding(db: Executor<KernelTables>, role: string, scope?: { kind: string; id: string }): Promise<{ userId: string; name: string }[]> {
  // A grant of a role bound to nothing is stored with an empty scope.
  const rows = await staffWithRole(accountsDb(db), role, scope ?? { kind: '', id: '' });
  return rows.map((row) => ({ userId: row.id, name: row.display_name }));
}

/** A member of staff with the ids of the roles they hold, at whatever scope (a caseworker of any office is a caseworker). */
export interface StaffMember {
  userId: string;
  name: string;
  roles: string[];
}

/** Every active staff member with their roles, by name, in one statement (who is due a required training). */
export async function staffRoster(db: Executor<KernelTables>): Promise<StaffMember[]> {
  const rows = await staffWithRoles(accountsDb(db));
  return rows.map((row) => ({ userId: row.id, name: row.display_name, roles: row.roles }));
}

/** One active staff member with their roles, or undefined for anyone else (a citizen, a disabled account, an unknown id). */
export async function staffMember(db: Executor<KernelTables>, userId: string): Promise<StaffMember | undefined> {
  const [row] = await staffWithRoles(accountsDb(db), userId);
  return row ? { userId: row.id, name: row.display_name, roles: row.roles } : undefined;
}

/** A staff account's id by its address, for a demo seed that finds the account it made before. */
export async function staffIdByEmail(db: Executor<KernelTables>, email: string): Promise<string | undefined> {
  const user = await findUserByEmail(accountsDb(db), email);
  return user?.kind === 'staff' ? user.id : undefined;
}
