import { DateTime } from 'luxon';
import type { KernelContext } from '#kernel/context.ts';
import { insertEvent } from '../events/repo.ts';
import { initiativesDb } from '../repo.ts';
import { reindexInitiative } from '../search.ts';
import { demoInitiatives } from './seed-data.ts';

/** The demo entries and their meetings, each once (by slug), published as if moderated. */
export async function seedDirectory(ctx: Pick<KernelContext, 'db'>, now = new Date()): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const db = initiativesDb(trx);
    const existing = new Set((await db.selectFrom('initiatives').select('slug').execute()).map((row) => row.slug));
    for (const demo of demoInitiatives) {
      if (existing.has(demo.slug)) continue;
      const initiative = await db
        .insertInto('initiatives')
        .values({
          slug: demo.slug,
          name: demo.name,
          summary: demo.summary,
          description: demo.description,
          provider_kind: demo.providerKind,
          domains: demo.domains,
          target_groups: demo.targetGroups,
          districts: demo.districts,
          contact_name: demo.contactName,
          contact_email: demo.contactEmail,
          website: demo.website,
          accessibility: demo.accessibility,
          accessibility_note: demo.accessibilityNote ?? null,
          languages: demo.languages,
          meeting_times: demo.meetingTimes,
          address: demo.address,
          latitude: demo.latitude,
          longitude: demo.longitude,
          status: 'published',
          demo: true,
          submitted_at: now,
          published_at: now,
          confirmed_current_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const first = DateTime.fromISO(demo.event.first, { zone: 'Europe/Berlin' });
      await insertEvent(
        db,
        {
          initiative_id: initiative.id,
          title: demo.event.title,
          description: demo.event.description,
          location: demo.event.location,
          district: demo.districts[0] ?? null,
          accessibility: demo.event.accessibility ?? [],
          starts_at: first.toJSDate(),
          ends_at: first.plus({ minutes: demo.event.minutes }).toJSDate(),
          rrule: demo.event.rrule,
          demo: true,
        },
        now,
      );
      await reindexInitiative(trx, initiative.id);
    }
  });
}
