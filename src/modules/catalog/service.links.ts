import Type from 'typebox';
import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineJob } from '#kernel/jobs.ts';
import { requestOutbound, type OutboundConfig } from '#kernel/outbound/request.ts';
import { allEntries, catalogDb, findEntry, linkChecks, saveLinkCheck } from './repo.ts';
import { linksOf } from './rules.ts';
import { editCatalog } from './service.editing.ts';
import type { Entry, LinkCheck } from './tables.ts';

/*
 * The link checker: every link in drafts and published versions is requested, internal ones from the
 * platform itself (PUBLIC_URL), and the result kept per address. A link found broken blocks publishing
 * the entry until it is fixed or a new check finds it working.
 */

/** Internal paths are checked against the platform as citizens reach it. */
export function absolute(url: string, publicUrl: string): string {
  return url.startsWith('/') ? new URL(url, `${publicUrl}/`).href : url;
}

/**
 * Requests a link as a browser would (HEAD, then GET where HEAD is refused) and says whether it works. The
 * kernel's outbound rules decide what may be requested at all, redirects included; internal links reach
 * the platform because they start at its own address.
 */
export async function probe(config: OutboundConfig, url: string): Promise<Pick<LinkCheck, 'ok' | 'status' | 'problem'>> {
  const request = (method: 'HEAD' | 'GET') =>
    requestOutbound(config, url, { method, discardBody: true, timeoutMs: 10_000, headers: { 'user-agent': 'Erkelenz-Digital-Linkpruefung/1.0' } });
  let result = await request('HEAD');
  if (result.ok && (result.status === 405 || result.status === 501)) result = await request('GET');
  if (!result.ok) return { ok: false, status: null, problem: result.reason };
  return result.status < 400 ? { ok: true, status: result.status, problem: null } : { ok: false, status: result.status, problem: `http-${result.status}` };
}

function linksIn(entries: Entry[]): string[] {
  const all = entries.flatMap((entry) => [...linksOf(entry.kind, entry.draft), ...(entry.published ? linksOf(entry.kind, entry.published) : [])]);
  return [...new Set(all)];
}

/** Checks the links of one entry, or of the whole catalogue; returns how many were found broken. */
export async function checkLinks(ctx: KernelContext, entryId?: string): Promise<{ checked: number; broken: number }> {
  const db = catalogDb(ctx.db);
  const entries = entryId ? [await findEntry(db, entryId)].filter((entry): entry is Entry => entry !== undefined) : await allEntries(db);
  const links = linksIn(entries);
  let broken = 0;
  // A few at a time: enough to finish the catalogue quickly, few enough not to hammer any one server.
  for (let start = 0; start < links.length; start += 6) {
    await Promise.all(
      links.slice(start, start + 6).map(async (url) => {
        const result = await probe(ctx.config, absolute(url, ctx.config.PUBLIC_URL));
        if (!result.ok) broken += 1;
        await saveLinkCheck(db, { url, ...result, checked_at: new Date() });
      }),
    );
  }
  ctx.log.info({ checked: links.length, broken, entryId }, 'catalogue links checked');
  return { checked: links.length, broken };
}

export const checkLinksJob = defineJob({
  name: 'catalog.check-links',
  payload: Type.Object({ entryId: Type.Optional(Type.String({ format: 'uuid' })) }),
  // Every night, and on request from the back office.
  cron: '40 3 * * *',
  retry: { limit: 2, delaySeconds: 300, backoff: false },
  handler: async (payload, ctx) => {
    await checkLinks(ctx, payload.entryId);
  },
});

/** Queues a check of one entry's links or of all; the result appears on the editing pages. */
export async function requestLinkCheck(ctx: KernelContext, actor: Actor, entryId?: string): Promise<void> {
  ctx.permissions.require(actor, editCatalog);
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.jobs.enqueue(trx, checkLinksJob, entryId ? { entryId } : {});
    await recordAudit(trx, { actor }, { action: 'catalog.link-check-requested', subjectType: 'catalog.links', subjectId: entryId ?? null });
  });
}

/** The links of an entry's draft with what the last check found, for the editing page. */
export async function linkStatus(ctx: KernelContext, actor: Actor, entry: Entry): Promise<{ url: string; check: LinkCheck | undefined }[]> {
  ctx.permissions.require(actor, editCatalog);
  const urls = linksOf(entry.kind, entry.draft);
  const checks = await linkChecks(catalogDb(ctx.db), urls);
  return urls.map((url) => ({ url, check: checks.get(url) }));
}

/** How many links of each entry the last check found broken, for the catalogue overview. */
export async function brokenLinkCounts(ctx: KernelContext, entries: Entry[]): Promise<Map<string, number>> {
  const checks = await linkChecks(catalogDb(ctx.db), linksIn(entries));
  return new Map(entries.map((entry) => [entry.id, linksOf(entry.kind, entry.draft).filter((url) => checks.get(url)?.ok === false).length]));
}
