import { slugOf as slugOfTitle } from '#kernel/text.ts';
import { actorId, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormErrors, FormValue } from '#kernel/forms/index.ts';
import { recordConsent } from '#modules/accounts/index.ts';
import { findStreet } from '#modules/streets/index.ts';
import { LogoRefused, logoChangeOf, logoNeedsDescription, referenceLogo } from '../logo.ts';
import { placeOf } from '../places.ts';
import { initiativesDb } from '../repo.ts';
import type { InitiativeRow, KeyPurpose } from '../tables.ts';
import { isAccessibilityFeature, isDistrict, isDomain, type ProviderKind } from '../vocabulary.ts';
import type { answerForm, proposeForm } from './forms.ts';
import { sendProposalConfirmJob } from './jobs.ts';
import { dropKeys, findInitiative, freeSlug, insertInitiative, insertMaintainer, keyFor, setMaintainer } from './repo.ts';
import { initiativeWorkflow } from './workflow.ts';

/*
 * Proposing an entry, without an account: the entry is stored unconfirmed with its proposer as a pending
 * maintainer, and reaches the moderators only once the proposer has confirmed their address by the link
 * mailed to them. The proposer answers a moderator's question by a link the same way.
 */

/** "Repair-Café Lövenich e. V." → "repair-cafe-loevenich-e-v". */
export function slugOf(name: string): string {
  const slug = slugOfTitle(name, 70);
  if (slug.length < 2) return `initiative${slug ? `-${slug}` : ''}`;
  // The hub's own pages sit beside the entries under /initiativen/: an entry never takes their names.
  return reservedSlugs.has(slug) ? `${slug}-initiative` : slug;
}

const reservedSlugs = new Set(['kalender', 'ressourcen', 'vorschlagen', 'pflegen', 'termine', 'kalender-ics', 'kalender-atom']);

/** Only addresses of the web: a link in the directory must not run script or open a file. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The proposer's consent to publish the entry and its public contact, in the platform's consent ledger. */
export const publishConsent = 'initiatives.publish-entry';
export const proposerSubject = (maintainerId: string) => ({ module: 'initiatives', type: 'maintainer', id: maintainerId });

export type ProposeResult = { ok: true; id: string } | { ok: false; errors: FormErrors };

export async function proposeInitiative(ctx: KernelContext, actor: Actor, input: FormValue<typeof proposeForm>, language: 'de' | 'en'): Promise<ProposeResult> {
  const website = input.website === '' ? null : /^[a-z][a-z0-9+.-]*:/i.test(input.website) ? input.website : `https://${input.website}`;
  if (website !== null && !isWebAddress(website)) return { ok: false, errors: { website: { code: 'initiatives:moderation.errors.website' } } };
  const placed = placeOf(input);
  if (!placed.ok) return { ok: false, errors: { [placed.problem.field]: { code: placed.problem.code } } };
  const logo = logoChangeOf(input);
  if (logoNeedsDescription(logo, null, input.logoAlt)) return { ok: false, errors: { logoAlt: { code: 'initiatives:moderation.errors.logoAlt' } } };
  // A place picked on the map or typed wins; otherwise the street's, from the city's street list.
  const street = placed.place || input.address === '' ? null : await findStreet(ctx.db, input.address.replace(/\s+\d+\s*[a-z]?\s*(,.*)?$/i, ''));
  const place = placed.place ?? (street && street.latitude !== null && street.longitude !== null ? { latitude: street.latitude, longitude: street.longitude } : { latitude: null, longitude: null });
  const saved = ctx.db.transaction().execute(async (trx) => {
    const db = initiativesDb(trx);
    const initiative = await insertInitiative(db, {
      slug: await freeSlug(db, slugOf(input.name)),
      name: input.name,
      summary: input.summary,
      description: input.description,
      provider_kind: input.providerKind as ProviderKind,
      domains: input.domains.filter(isDomain),
      target_groups: input.targetGroups,
      districts: input.districts.filter(isDistrict),
      website,
      contact_name: input.contactName || null,
      contact_email: input.contactEmail || null,
      contact_phone: input.contactPhone,
      accessibility: input.accessibility.filter(isAccessibilityFeature),
      accessibility_note: input.accessibilityNote || null,
      languages: input.languages.length > 0 ? input.languages : ['de'],
      meeting_times: input.meetingTimes || null,
      address: input.address || null,
      ...place,
      logo_alt: input.logoAlt || null,
      status: 'unconfirmed',
      language,
    });
    if (logo.kind === 'replace') {
      const referenced = await referenceLogo(ctx, trx, initiative.id, logo);
      // Found infected since the upload: nothing of the proposal is kept.
      if (!referenced) throw new LogoRefused();
      await db.updateTable('initiatives').set({ logo_file_id: referenced.fileId }).where('id', '=', initiative.id).execute();
    }
    const proposer = await insertMaintainer(db, { initiative_id: initiative.id, name: input.proposerName, email: input.proposerEmail, status: 'pending', user_id: actorId(actor) });
    await recordConsent(trx, {
      subject: proposerSubject(proposer.id),
      userId: actorId(actor),
      purpose: publishConsent,
      decision: 'given',
      wording: ctx.i18n.getFixedT(language)('initiatives:moderation.fields.consent'),
      language,
      channel: 'online',
      actor,
    });
    await ctx.jobs.enqueue(trx, sendProposalConfirmJob, { initiativeId: initiative.id, maintainerId: proposer.id });
    return { ok: true as const, id: initiative.id };
  });
  return saved.catch((error: unknown) => {
    if (error instanceof LogoRefused) return { ok: false as const, errors: { logo: { code: 'file-infected' } } };
    throw error;
  });
}

/** The entry a mailed link opens, for the page that asks before anything changes; undefined for a wrong or expired key. */
export async function initiativeForLink(ctx: KernelContext, id: string, key: string, purpose: KeyPurpose): Promise<InitiativeRow | undefined> {
  const db = initiativesDb(ctx.db);
  if (!(await keyFor(db, id, key, purpose))) return undefined;
  return findInitiative(db, id);
}

export type LinkStepResult = { ok: true; initiative: InitiativeRow; already: boolean } | { ok: false; reason: 'not-found' | 'moved-on' | 'note-required' };

/** Follows the confirmation link: the proposal goes to the moderators; a second click changes nothing. */
export async function confirmProposal(ctx: KernelContext, actor: Actor, id: string, key: string, now = new Date()): Promise<LinkStepResult> {
  const result = await initiativeWorkflow.transition(ctx, actor, { id, transition: 'confirm' }, {
    party: async (trx) => Boolean(await keyFor(initiativesDb(trx), id, key, 'confirm', now)),
    apply: async (trx) => {
      const opened = await keyFor(initiativesDb(trx), id, key, 'confirm', now);
      if (opened?.maintainer_id) await setMaintainer(initiativesDb(trx), opened.maintainer_id, { email_confirmed_at: now });
    },
  });
  if (result.ok) return { ok: true, initiative: result.instance, already: false };
  if (result.reason !== 'invalid-transition') return { ok: false, reason: 'not-found' };
  // Confirmed before: the link keeps saying so while it is valid.
  const initiative = await initiativeForLink(ctx, id, key, 'confirm');
  return initiative ? { ok: true, initiative, already: true } : { ok: false, reason: 'not-found' };
}

/** Follows the answer link: the answer is stored and the entry waits for the moderators again. */
export async function answerQuestion(ctx: KernelContext, actor: Actor, id: string, key: string, input: FormValue<typeof answerForm>, now = new Date()): Promise<LinkStepResult> {
  const result = await initiativeWorkflow.transition(ctx, actor, { id, transition: 'answer', note: input.answer }, {
    party: async (trx) => Boolean(await keyFor(initiativesDb(trx), id, key, 'answer', now)),
    // One answer per question: the other maintainers' links close with it.
    apply: async (trx) => dropKeys(initiativesDb(trx), id, 'answer'),
  });
  if (result.ok) return { ok: true, initiative: result.instance, already: false };
  if (result.reason === 'note-required') return { ok: false, reason: 'note-required' };
  if (result.reason === 'invalid-transition') return { ok: false, reason: 'moved-on' };
  return { ok: false, reason: 'not-found' };
}

