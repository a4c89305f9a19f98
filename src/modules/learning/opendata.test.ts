import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { participationDataset, trainingDataset } from './opendata.ts';
import { coursesDb } from './courses/repo.ts';
import { register } from './courses/service.registration.ts';
import { buildCourse, buildSession } from './courses/test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('the learning datasets', () => {
  it('count places, registrations, the waiting line and attendance per session, with the areas, and no person', async () => {
    const course = await buildCourse(platform.ctx, { competences: ['2.1', '4.2', '2.2'] });
    const session = await buildSession(platform.ctx, course, { capacity: 1 });
    for (const name of ['Anna Zählbar', 'Bert Zählbar']) {
      await register(platform.ctx, { kind: 'anonymous' }, { sessionId: session.id, registrant: { kind: 'guest', name, email: null, phone: '02431 1', postalAddress: null }, language: 'de', supportNeeds: [], supportNote: null, channel: 'online' });
    }
    const rows = await participationDataset.rows(platform.ctx.db, platform.ctx.config);
    const row = rows.find((candidate) => candidate['session'] === session.id);
    expect(row).toMatchObject({ course: course.slug, audience: 'citizens', areas: '2|4', competences: '2.1|4.2|2.2', status: 'open', capacity: 1, registered: 1, waiting: 1, attended: null });
    expect(JSON.stringify(rows)).not.toContain('Zählbar');
    await coursesDb(platform.ctx.db).updateTable('learning_sessions').set({ status: 'held' }).where('id', '=', session.id).execute();
    await coursesDb(platform.ctx.db).updateTable('learning_registrations').set({ attended: true }).where('session_id', '=', session.id).where('status', '=', 'placed').execute();
    const after = await participationDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(after.find((candidate) => candidate['session'] === session.id)?.['attended']).toBe(1);
  });

  it('count the staff each required training applies to by their standing', async () => {
    await buildStaff(platform.ctx, [{ role: 'caseworker' }]);
    const rows = await trainingDataset.rows(platform.ctx.db, platform.ctx.config);
    for (const row of rows) {
      expect(Number(row['current']) + Number(row['expiring']) + Number(row['expired']) + Number(row['missing'])).toBe(row['staff']);
    }
    expect(JSON.stringify(rows)).not.toMatch(/@erkelenz\.example/);
  });
});
