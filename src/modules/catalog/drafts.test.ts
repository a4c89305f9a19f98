import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { up as unpublishedIsNull } from './migrations/202612071000_catalog_unpublished_is_null.ts';
import { officesDataset, servicesDataset } from './opendata.ts';
import { buildOffice, buildService } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const publishedIsSqlNull = async (id: string) =>
  (await sql<{ missing: boolean }>`select published is null as missing from catalog_entries where id = ${id}`.execute(platform.ctx.db)).rows[0]?.missing;

describe('entries that are not published', () => {
  it('stay out of the lists, the API and the open data, and break none of them', async () => {
    const published = await buildOffice(platform.ctx);
    const draftOffice = await buildOffice(platform.ctx, {}, { publish: false });
    const draftService = await buildService(platform.ctx, { officeId: published.id }, { publish: false });
    expect(await publishedIsSqlNull(draftOffice.id)).toBe(true);
    const visitor = new FormClient(platform.app);
    for (const path of ['/dienststellen', '/leistungen', '/api/v1/offices', '/api/v1/services']) {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(200);
      expect(response.body, path).not.toContain(draftOffice.slug);
      expect(response.body, path).not.toContain(draftService.slug);
    }
    expect((await officesDataset.rows(platform.ctx.db, platform.ctx.config)).map((row) => row.id)).toEqual([published.slug]);
    expect(await servicesDataset.rows(platform.ctx.db, platform.ctx.config)).toEqual([]);
  });

  it('are stored as having no published version when saved before this was fixed', async () => {
    const office = await buildOffice(platform.ctx);
    await sql`update catalog_entries set published = 'null'::jsonb where id = ${office.id}`.execute(platform.ctx.db);
    expect(await publishedIsSqlNull(office.id)).toBe(false);
    await unpublishedIsNull(platform.ctx.db);
    expect(await publishedIsSqlNull(office.id)).toBe(true);
    expect((await new FormClient(platform.app).get('/dienststellen')).status).toBe(200);
  });
});
