import { isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import { recordAudit } from '#kernel/audit.ts';
import { LogoRefused, logoChangeOf, logoNeedsDescription, referenceLogo } from '../logo.ts';
import { placeOf } from '../places.ts';
import { reindexInitiative } from '../search.ts';
import { importNewFeedJob } from '../feeds/jobs.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { FormValue } from '#kernel/forms/index.ts';
import { isWebAddress } from '../moderation/service.propose.ts';
import { initiativesDb, type InitiativesDb } from '../repo.ts';
import type { AccessibilityFeature, Domain, ProviderKind } from '../vocabulary.ts';
import type { entryForm, feedForm, maintainerForm } from './forms.ts';
import { sendEditLinksJob } from './jobs.ts';
import { activeMaintainer, openEditKey } from './repo.ts';

/*
 * The rules of keeping an entry current. A maintainer reaches an entry through a grant made from a mailed
 * link (its maintainer id) or through their account; every change goes live at once, is marked for the
 * moderators' review list (`edited_at`) and leaves an audit record naming the maintainer.
 */

export const subjectType = 'initiatives.initiative';

/** Who acts on an entry: the maintainer row their link or account stands for. */
export interface Access {
  initiativeId: string;
  maintainerId: string;
}

/** How the request came: the person (anonymous with a link, or signed in) and the request's id for the audit log. */
export interface Acting {
  actor: Actor;
  requestId?: string | undefined;
}

async function audit(db: InitiativesDb, acting: Acting, access: Access, action: string, meta: Record<string, unknown> = {}) {
  await recordAudit(db, { actor: acting.actor, requestId: acting.requestId ?? null }, { action: `initiatives.${action}`, subjectType, subjectId: access.initiativeId, meta: { maintainerId: access.maintainerId, ...meta } });
}

/** Queues the mail with a link for each entry the address keeps; the caller answers the same either way. */
export async function requestEditLinks(ctx: KernelContext, email: string, language: 'de' | 'en'): Promise<void> {
  await ctx.jobs.enqueue(ctx.db, sendEditLinksJob, { email, language });
}

/** Whether the grant (a maintainer id from a link) or the account opens the entry; the maintainer it stands for. */
export async function accessOf(ctx: KernelContext, actor: Actor, initiativeId: string, grantedMaintainerId: string | undefined): Promise<Access | null> {
  const db = initiativesDb(ctx.db);
  if (grantedMaintainerId) {
    const found = await activeMaintainer(db, initiativeId, { maintainerId: grantedMaintainerId });
    if (found) return { initiativeId, maintainerId: found.id };
  }
  if (isSignedIn(actor)) {
    const found = await activeMaintainer(db, initiativeId, { userId: actor.userId });
    if (found) return { initiativeId, maintainerId: found.id };
  }
  return null;
}

export async function keyOpens(ctx: KernelContext, key: string) {
  return openEditKey(initiativesDb(ctx.db), key, new Date());
}

/** Binds the signed-in account to the maintainer row a link stands for, so the account reaches the entry without links. */
export async function attachAccount(ctx: KernelContext, acting: Acting, key: string): Promise<{ ok: true; initiativeId: string } | { ok: false; reason: 'not-found' | 'other-account' }> {
  if (!isSignedIn(acting.actor)) return { ok: false, reason: 'not-found' };
  const userId = acting.actor.userId;
  const opened = await keyOpens(ctx, key);
  if (!opened?.maintainerId) return { ok: false, reason: 'not-found' };
  if (opened.userId && opened.userId !== userId) return { ok: false, reason: 'other-account' };
  const access = { initiativeId: opened.initiativeId, maintainerId: opened.maintainerId };
  await initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('initiative_maintainers').set({ user_id: userId }).where('id', '=', opened.maintainerId).execute();
      await audit(trx, acting, access, 'maintainer-account-attached');
    });
  return { ok: true, initiativeId: opened.initiativeId };
}

export type EntryProblem = { field: 'latitude' | 'longitude' | 'website' | 'logo' | 'logoAlt'; code: string };

/** Saves the entry's public fields; live at once, and waiting in the moderators' review list. */
export async function saveEntry(ctx: KernelContext, acting: Acting, access: Access, input: FormValue<typeof entryForm>): Promise<{ ok: true } | { ok: false; problem: EntryProblem }> {
  // As the proposal takes it: an address typed without its scheme is a web address.
  const website = input.website === '' ? null : /^[a-z][a-z0-9+.-]*:/i.test(input.website) ? input.website : `https://${input.website}`;
  if (website !== null && !isWebAddress(website)) return { ok: false, problem: { field: 'website', code: 'initiatives:moderation.errors.website' } };
  const placed = placeOf(input);
  if (!placed.ok) return { ok: false, problem: placed.problem };
  const current = await initiativesDb(ctx.db).selectFrom('initiatives').select('logo_file_id').where('id', '=', access.initiativeId).executeTakeFirstOrThrow();
  const logo = logoChangeOf(input);
  if (logoNeedsDescription(logo, current.logo_file_id, input.logoAlt)) return { ok: false, problem: { field: 'logoAlt', code: 'initiatives:moderation.errors.logoAlt' } };
  const now = new Date();
  const saved = initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('initiatives')
        .set({
          name: input.name,
          summary: input.summary,
          description: input.description,
          provider_kind: input.providerKind as ProviderKind,
          domains: input.domains as Domain[],
          target_groups: input.targetGroups,
          districts: input.districts,
          contact_name: input.contactName || null,
          contact_email: input.contactEmail || null,
          contact_phone: input.contactPhone,
          website,
          accessibility: input.accessibility as AccessibilityFeature[],
          accessibility_note: input.accessibilityNote || null,
          languages: input.languages.length > 0 ? input.languages : ['de'],
          meeting_times: input.meetingTimes || null,
          address: input.address || null,
          latitude: placed.place?.latitude ?? null,
          longitude: placed.place?.longitude ?? null,
          logo_alt: logo.kind === 'remove' ? null : input.logoAlt || null,
          edited_at: now,
          confirmed_current_at: now,
          updated_at: now,
        })
        .where('id', '=', access.initiativeId)
        .execute();
      if (logo.kind !== 'keep') {
        const referenced = await referenceLogo(ctx, trx, access.initiativeId, logo);
        // Found infected since the upload: the whole edit waits for a clean file.
        if (!referenced) throw new LogoRefused();
        await trx.updateTable('initiatives').set({ logo_file_id: referenced.fileId }).where('id', '=', access.initiativeId).execute();
      }
      await audit(trx, acting, access, 'entry-edited');
      // The edit is live at once, in the search too.
      await reindexInitiative(trx, access.initiativeId);
    })
    .then(() => ({ ok: true as const }));
  return saved.catch((error: unknown) => {
    if (error instanceof LogoRefused) return { ok: false as const, problem: { field: 'logo' as const, code: 'file-infected' } };
    throw error;
  });
}

/** "Eintrag ist aktuell": the entry stays as it is and counts as confirmed for another year. */
export async function confirmCurrent(ctx: KernelContext, acting: Acting, access: Access): Promise<void> {
  await initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('initiatives').set({ confirmed_current_at: new Date() }).where('id', '=', access.initiativeId).execute();
      await audit(trx, acting, access, 'entry-confirmed');
    });
}

/** Registers an iCalendar feed, read at once and then on the feeds' schedule. */
export async function registerFeed(ctx: KernelContext, acting: Acting, access: Access, input: FormValue<typeof feedForm>): Promise<{ ok: true } | { ok: false; code: string }> {
  let url: URL;
  try {
    url = new URL(input.feedUrl);
  } catch {
    return { ok: false, code: 'initiatives:maintenance.errors.url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, code: 'initiatives:maintenance.errors.url' };
  return initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const known = await trx.selectFrom('initiative_feeds').select(['id', 'active']).where('initiative_id', '=', access.initiativeId).where('url', '=', url.href).executeTakeFirst();
      if (known?.active) return { ok: false as const, code: 'initiatives:maintenance.errors.feedKnown' };
      if (known) {
        // Paused after the moderators discarded what it flooded in: entered again, it is read again.
        await trx.updateTable('initiative_feeds').set({ active: true }).where('id', '=', known.id).execute();
        await audit(trx, acting, access, 'feed-resumed', { feedId: known.id });
        await ctx.jobs.enqueue(trx, importNewFeedJob, { feedId: known.id });
        return { ok: true as const };
      }
      const feed = await trx.insertInto('initiative_feeds').values({ initiative_id: access.initiativeId, url: url.href }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, acting, access, 'feed-registered', { feedId: feed.id });
      // Read at once rather than at the next hour, so the maintainer sees on the page what came of it.
      await ctx.jobs.enqueue(trx, importNewFeedJob, { feedId: feed.id });
      return { ok: true as const };
    });
}

/** A further maintainer, pending until a moderator approves: no link reaches them before. */
export async function addMaintainer(ctx: KernelContext, acting: Acting, access: Access, input: FormValue<typeof maintainerForm>): Promise<{ ok: true } | { ok: false; code: string }> {
  return initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const known = await trx
        .selectFrom('initiative_maintainers')
        .select('id')
        .where('initiative_id', '=', access.initiativeId)
        .where('status', '<>', 'removed')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', input.maintainerEmail.toLowerCase()))
        .executeTakeFirst();
      if (known) return { ok: false as const, code: 'initiatives:maintenance.errors.maintainerKnown' };
      const added = await trx.insertInto('initiative_maintainers').values({ initiative_id: access.initiativeId, name: input.maintainerName, email: input.maintainerEmail, status: 'pending' }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, acting, access, 'maintainer-proposed', { addedMaintainerId: added.id });
      return { ok: true as const };
    });
}

/** Removes another (or one's own) maintainer row; the last active maintainer stays, so the entry is never orphaned. */
export async function removeMaintainer(ctx: KernelContext, acting: Acting, access: Access, maintainerId: string): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'last' }> {
  return initiativesDb(ctx.db)
    .transaction()
    .execute(async (trx) => {
      const target = await trx.selectFrom('initiative_maintainers').select(['id', 'status']).where('id', '=', maintainerId).where('initiative_id', '=', access.initiativeId).where('status', '<>', 'removed').forUpdate().executeTakeFirst();
      if (!target) return { ok: false as const, reason: 'not-found' as const };
      if (target.status === 'active') {
        // Locks the entry's active rows, so two maintainers removing each other at once cannot leave none.
        const active = await trx.selectFrom('initiative_maintainers').select('id').where('initiative_id', '=', access.initiativeId).where('status', '=', 'active').forUpdate().execute();
        if (active.length <= 1) return { ok: false as const, reason: 'last' as const };
      }
      // A removed maintainer's name and address are no longer needed: the row stays only for the audit trail.
      await trx.updateTable('initiative_maintainers').set({ status: 'removed', user_id: null, name: null, email: null }).where('id', '=', target.id).execute();
      await audit(trx, acting, access, 'maintainer-removed', { removedMaintainerId: target.id });
      return { ok: true as const };
    });
}
