import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowProblems } from '#kernel/declarations/check.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { directoryDataset, eventsDataset } from './opendata.ts';
import { buildEvent, buildInitiative } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('the hub as open data', () => {
  it('publishes the directory without contact persons, and every date of the coming year', async () => {
    const initiative = await buildInitiative(platform.ctx, { name: 'Offene Daten Treff', contact_name: 'Erika Beispiel', contact_email: 'erika@example.org', contact_phone: '02431 12345', districts: ['gerderath', 'golkrath'], domains: ['bildung', 'umwelt'] });
    // A rule counts in whole seconds, as iCalendar does; a meeting starts on the minute.
    const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 86_400_000);
    const event = await buildEvent(platform.ctx, initiative.id, { title: 'Datenspaziergang', starts_at: start, ends_at: new Date(start.getTime() + 3_600_000), rrule: 'FREQ=WEEKLY;COUNT=3' });
    const directory = await directoryDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(rowProblems(directoryDataset.schema, directory)).toEqual([]);
    const row = directory.find((entry) => entry.id === initiative.slug)!;
    expect(row).toMatchObject({ name: 'Offene Daten Treff', domains: 'bildung|umwelt', districts: '02|04' });
    expect(JSON.stringify(directory)).not.toMatch(/Erika|erika@example\.org|12345/);

    const events = await eventsDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(rowProblems(eventsDataset.schema, events)).toEqual([]);
    expect(events.filter((entry) => entry.event_id === event.id).map((entry) => entry.starts_at)).toEqual([0, 7, 14].map((days) => new Date(start.getTime() + days * 86_400_000).toISOString()));
  });
});
