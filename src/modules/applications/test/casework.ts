import { sql } from 'kysely';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { IdentityAssurance } from '#modules/accounts/index.ts';
import { buildCitizen, buildStaff, signInStaff, type BuiltStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import type { TestPlatform } from '#test/platform.ts';
import type { Answers } from '../definition/answers.ts';
import { submitCase } from './builders.ts';

/*
 * What the back office's tests share: caseworkers signed in for an office, the applications they handle
 * (a guest's contact form, a signed-in citizen's confirmation of registration), and what was sent about
 * a case, read from notify's tables.
 */

export interface Caseworker {
  staff: BuiltStaff;
  client: FormClient;
}

/** A caseworker of an office, signed in through the real login with their second factor. */
export async function caseworkerOf(platform: TestPlatform, officeId: string, name?: string): Promise<Caseworker> {
  const staff = await buildStaff(platform.ctx, [{ role: 'caseworker', scopeKind: 'office', scopeId: officeId }], name ? { display_name: name } : {});
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { staff, client };
}

/** The contact form as a guest sends it; `answerBy` decides how the city can write back. */
export function guestContact(ctx: KernelContext, overrides: Answers = {}) {
  return submitCase(ctx, 'kontakt', {
    topic: 'question',
    message: 'Wann ist der Wertstoffhof samstags geöffnet?',
    givenName: 'Erika',
    familyName: 'Muster',
    answerBy: 'email',
    email: 'erika.muster@example.org',
    ...overrides,
  });
}

export const citizenAddress = { street: 'Markt', house_number: '8', postal_code: '41812', city: 'Erkelenz' };

/**
 * A signed-in citizen's application for a confirmation of registration, sent from their account; signed in
 * by password unless an identity provider's level is given.
 */
export async function citizenCase(ctx: KernelContext, overrides: Parameters<typeof buildCitizen>[1] = {}, identityAssurance: IdentityAssurance | null = null) {
  const citizen = await buildCitizen(ctx, { display_name: 'Petra Beispiel', preferred_channel: 'digital', ...citizenAddress, ...overrides });
  const actor: Actor = {
    kind: 'citizen',
    userId: citizen.user.id,
    displayName: citizen.user.display_name,
    email: citizen.user.email,
    language: 'de',
    simplifiedLanguage: false,
    sessionHash: '',
  };
  const made = await submitCase(
    ctx,
    'meldebescheinigung',
    {
      certificateKind: 'simple',
      purpose: 'Für den Arbeitgeber',
      givenName: 'Petra',
      familyName: 'Beispiel',
      dateOfBirth: '1980-05-01',
      address: { street: 'Markt', houseNumber: '8', postcode: '41812', town: 'Erkelenz' },
    },
    actor,
    identityAssurance,
  );
  return { citizen, made };
}

export interface SentMessage {
  purpose: string;
  subject: string;
  body: string;
  cause: string;
  channels: string[];
}

/** The messages notify made about a case, oldest first, with the channels each goes by. */
export async function messagesAbout(ctx: KernelContext, caseId: string): Promise<SentMessage[]> {
  const result = await sql<SentMessage>`
    select m.purpose, m.subject, m.body, m.cause, coalesce(array_agg(d.channel order by d.channel) filter (where d.channel is not null), '{}') as channels
    from notify_messages m left join notify_deliveries d on d.message_id = m.id
    where m.cause like ${`applications:%${caseId}%`} or m.cause in (select 'applications:message:' || id from application_messages where case_id = ${caseId})
    group by m.id order by m.created_at, m.id`.execute(ctx.db);
  return result.rows;
}

/** The audit records about a case, oldest first. */
export async function auditOf(ctx: KernelContext, caseId: string) {
  const result = await sql<{ action: string; actor_id: string | null; data_subject_id: string | null; reason: string | null; meta: Record<string, unknown> }>`
    select action, actor_id, data_subject_id, reason, meta from audit_log where subject_id = ${caseId} order by id`.execute(ctx.db);
  return result.rows;
}
