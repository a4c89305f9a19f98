import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveredEvent } from '#kernel/events/define.ts';
import { subscribe } from '#kernel/events/define.ts';
import { defineModule } from '#kernel/module.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { servicePublished } from './index.ts';
import { buildOffice, buildService } from './test/builders.ts';
import { staffClient } from './test/staff.ts';

/* What another module sees of the catalogue's publishing: one `catalog.service-published` per publication. */

const heard: DeliveredEvent<typeof servicePublished.payload>[] = [];
const listener = defineModule({ id: 'listener', on: [subscribe(servicePublished, 'listener.note-publication', async (event) => void heard.push(event))] });

let platform: TestPlatform;
let editor: Awaited<ReturnType<typeof staffClient>>;
beforeAll(async () => {
  platform = await createTestPlatform({}, [listener]);
  editor = await staffClient(platform, 'editor');
});
afterAll(async () => {
  await platform.close();
});

describe('catalog.service-published', () => {
  it('is published with the publication and tells subscribers the entry, its address, kind and revision', async () => {
    const service = await buildService(platform.ctx, {}, { publish: false });
    await editor.client.get(`/verwaltung/katalog/leistungen/${service.id}`);
    const published = await editor.client.post(`/verwaltung/katalog/leistungen/${service.id}/veroeffentlichen`, {});
    expect(published.location).toBe(`/verwaltung/katalog/leistungen/${service.id}?notice=published`);

    expect(await platform.ctx.jobs.drain(platform.ctx, ['listener.note-publication'])).toBe(1);
    expect(heard.filter((event) => event.payload.entryId === service.id)).toMatchObject([
      { name: 'catalog.service-published', version: 1, payload: { entryId: service.id, slug: service.slug, kind: 'service', version: 1 } },
    ]);
  });

  it('is not published when the publication is refused', async () => {
    const office = await buildOffice(platform.ctx, { summary: '' }, { publish: false });
    await editor.client.get(`/verwaltung/katalog/dienststellen/${office.id}`);
    const refused = await editor.client.post(`/verwaltung/katalog/dienststellen/${office.id}/veroeffentlichen`, {});
    expect(refused.status).toBe(422);
    const stored = await platform.ctx.db
      .withTables<{ events: { name: string; payload: { entryId: string } } }>()
      .selectFrom('events')
      .select('name')
      .where('name', '=', 'catalog.service-published')
      .where((eb) => eb.ref('payload', '->>').key('entryId'), '=', office.id)
      .execute();
    expect(stored).toEqual([]);
    expect(await platform.ctx.jobs.drain(platform.ctx, ['listener.note-publication'])).toBe(0);
  });
});
