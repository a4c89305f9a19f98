import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '#kernel/platform.ts';
import { publishedOffice } from '#modules/catalog/index.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { initiativesDb } from '../repo.ts';
import { resourceKinds } from '../vocabulary.ts';
import { demoResources, seedResources } from './seed.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  // The catalogue's offices, as a new installation gets them, own the demo resources.
  expect(await seedDemoData(platform.ctx)).toEqual(expect.arrayContaining(['catalog']));
});
afterAll(async () => {
  await platform.close();
});

const stored = () =>
  initiativesDb(platform.ctx.db)
    .selectFrom('initiative_resources')
    .select(['slug', 'demo'])
    .where(
      'slug',
      'in',
      demoResources.map((resource) => resource.slug),
    )
    .execute();

describe('the demo resources', () => {
  it('are at least two of each kind, marked as demo, owned by published offices of the catalogue’s seed, and seeded once', async () => {
    for (const kind of resourceKinds) expect(demoResources.filter((resource) => resource.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
    for (const resource of demoResources) {
      expect(await publishedOffice(platform.ctx, resource.office_slug), resource.office_slug).not.toBeNull();
      expect(resource.title, resource.slug).toContain('Demo');
    }
    expect(demoResources.some((resource) => resource.deadline?.startsWith('2027'))).toBe(true);
    await seedResources(platform.ctx);
    expect(await seedResources(platform.ctx)).toBe(0);
    const rows = await stored();
    expect(rows).toHaveLength(demoResources.length);
    expect(rows.every((row) => row.demo)).toBe(true);
  });
});
