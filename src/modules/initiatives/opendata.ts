import { columnsUnder, defineDataset, type Row } from '#kernel/declarations/datasets.ts';
import { calendarEntries } from './directory/repo.ts';
import { initiativesDb } from './repo.ts';
import { districts, isDistrict } from './vocabulary.ts';

/*
 * The hub as open data: the directory without any contact person (name, address, phone stay on the
 * entry's page, where the initiative chose to show them), and the dates of the coming year. Lists of
 * fixed values (domains, districts, features) are written as their slugs joined by "|", which a data user
 * splits without guessing at commas in names.
 */

const directoryColumn = columnsUnder('initiatives:openData.directory.columns');
const eventColumn = columnsUnder('initiatives:openData.events.columns');
const list = (values: readonly string[]) => values.join('|');
const districtList = (keys: readonly string[]) => list(keys.filter(isDistrict).map((key) => districts[key].number));

export const directoryDataset = defineDataset({
  id: 'initiatives.directory',
  title: 'initiatives:openData.directory.title',
  description: 'initiatives:openData.directory.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'DAILY',
  themes: ['SOCI', 'EDUC'],
  refresh: '25 * * * *',
  schema: {
    primaryKey: ['id'],
    fields: [
      directoryColumn('id', 'string', { constraints: { required: true } }),
      directoryColumn('name', 'string', { constraints: { required: true } }),
      directoryColumn('summary', 'string', { constraints: { required: true } }),
      directoryColumn('provider_kind', 'string', { constraints: { required: true } }),
      directoryColumn('domains', 'string', { constraints: { required: true } }),
      directoryColumn('target_groups', 'string'),
      directoryColumn('districts', 'string'),
      directoryColumn('accessibility', 'string'),
      directoryColumn('languages', 'string'),
      directoryColumn('meeting_times', 'string'),
      directoryColumn('website', 'string'),
      directoryColumn('latitude', 'number'),
      directoryColumn('longitude', 'number'),
      directoryColumn('page', 'string', { constraints: { required: true } }),
      directoryColumn('confirmed_on', 'date'),
      directoryColumn('demo', 'boolean', { constraints: { required: true } }),
    ],
  },
  rows: async (db, config) => {
    const base = config.PUBLIC_URL.replace(/\/$/, '');
    const rows = await initiativesDb(db)
      .selectFrom('initiatives')
      .select(['id', 'slug', 'name', 'summary', 'provider_kind', 'domains', 'target_groups', 'districts', 'accessibility', 'languages', 'meeting_times', 'website', 'latitude', 'longitude', 'confirmed_current_at', 'demo'])
      .where('status', '=', 'published')
      .orderBy('slug')
      .execute();
    return rows.map(
      (row): Row => ({
        id: row.slug,
        name: row.name,
        summary: row.summary,
        provider_kind: row.provider_kind,
        domains: list(row.domains),
        target_groups: list(row.target_groups),
        districts: districtList(row.districts),
        accessibility: list(row.accessibility),
        languages: list(row.languages),
        meeting_times: row.meeting_times,
        website: row.website,
        latitude: row.latitude === null ? null : Number(row.latitude),
        longitude: row.longitude === null ? null : Number(row.longitude),
        page: `${base}/initiativen/${row.slug}`,
        confirmed_on: row.confirmed_current_at?.toISOString().slice(0, 10) ?? null,
        demo: row.demo,
      }),
    );
  },
});

export const eventsDataset = defineDataset({
  id: 'initiatives.events',
  title: 'initiatives:openData.events.title',
  description: 'initiatives:openData.events.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'DAILY',
  themes: ['SOCI'],
  refresh: '25 * * * *',
  schema: {
    primaryKey: ['event_id', 'starts_at'],
    fields: [
      eventColumn('event_id', 'string', { constraints: { required: true } }),
      eventColumn('starts_at', 'datetime', { constraints: { required: true } }),
      eventColumn('ends_at', 'datetime', { constraints: { required: true } }),
      eventColumn('all_day', 'boolean', { constraints: { required: true } }),
      eventColumn('title', 'string', { constraints: { required: true } }),
      eventColumn('initiative', 'string', { constraints: { required: true } }),
      eventColumn('initiative_id', 'string', { constraints: { required: true } }),
      eventColumn('domains', 'string', { constraints: { required: true } }),
      eventColumn('location', 'string'),
      eventColumn('district', 'string'),
      eventColumn('accessibility', 'string'),
      eventColumn('page', 'string', { constraints: { required: true } }),
      eventColumn('demo', 'boolean', { constraints: { required: true } }),
    ],
  },
  rows: async (db, config) => {
    const base = config.PUBLIC_URL.replace(/\/$/, '');
    const now = new Date();
    const entries = await calendarEntries(initiativesDb(db), { from: now, to: new Date(now.getTime() + 365 * 86_400_000), limit: 20_000 });
    return entries.map(
      (entry): Row => ({
        event_id: entry.eventId,
        starts_at: entry.startsAt.toISOString(),
        ends_at: entry.endsAt.toISOString(),
        all_day: entry.allDay,
        title: entry.title,
        initiative: entry.initiative.name,
        initiative_id: entry.initiative.slug,
        domains: list(entry.initiative.domains),
        location: entry.location,
        district: districtList(entry.district ? [entry.district] : entry.initiative.districts) || null,
        accessibility: list(entry.accessibility),
        page: `${base}/initiativen/termine/${entry.eventId}`,
        demo: entry.demo,
      }),
    );
  },
});
