import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import type { Answers } from '#modules/learning/assessment/scoring.ts';
import { recommendCourses } from './recommend.ts';
import { coursesDb } from './repo.ts';
import { seedCourses } from './seed.ts';

let platform: TestPlatform;
let ids: Map<string, string>;
const seededOn = new Date('2027-01-11T08:00:00Z');
beforeAll(async () => {
  platform = await createTestPlatform();
  await seedCourses(platform.ctx, seededOn);
  const rows = await coursesDb(platform.ctx.db).selectFrom('learning_courses').select(['id', 'slug']).execute();
  ids = new Map(rows.map((row) => [row.slug, row.id]));
});
afterAll(async () => {
  await platform.close();
});

const recommended = async (answers: Answers) => (await recommendCourses(platform.ctx, answers, seededOn)).map((entry) => entry.course.id);
const idsOf = (...slugs: string[]) => slugs.map((slug) => ids.get(slug));

describe('the courses the self-assessment recommends', () => {
  it('starts someone who cannot yet communicate digitally with the courses on it, weakest first', async () => {
    // Not yet: interacting (2.1) and sharing (2.2); with help: protecting devices (4.1); the rest on their own.
    const answers: Answers = { '1.1': 2, '1.2': 2, '2.1': 0, '2.2': 0, '4.1': 1, '4.2': 3 };
    expect(await recommended(answers)).toEqual(idsOf('videoanrufe-mit-der-familie', 'smartphone-grundlagen', 'online-banking-sicher'));
  });

  it('recommends spotting fake news for someone weak at judging information only', async () => {
    expect(await recommended({ '1.2': 0, '2.5': 1, '3.1': 2 })).toEqual(idsOf('falschmeldungen-erkennen'));
  });

  it('recommends the courses on solving problems, and never a staff course', async () => {
    expect(await recommended({ '5.1': 1, '5.2': 1, '4.2': 1 })).toEqual(idsOf('hilfe-zur-selbsthilfe', 'online-banking-sicher', 'smartphone-grundlagen'));
  });

  it('recommends nothing to someone who does everything on their own, or who answered nothing', async () => {
    expect(await recommended({ '1.1': 2, '2.1': 3, '5.1': 4 })).toEqual([]);
    expect(await recommended({})).toEqual([]);
  });

  it('leaves out a course without a session still open', async () => {
    const session = await coursesDb(platform.ctx.db)
      .selectFrom('learning_sessions')
      .select('id')
      .where('course_id', '=', ids.get('hilfe-zur-selbsthilfe')!)
      .executeTakeFirstOrThrow();
    await coursesDb(platform.ctx.db).updateTable('learning_sessions').set({ status: 'cancelled' }).where('id', '=', session.id).execute();
    expect(await recommended({ '5.1': 1, '5.2': 1 })).toEqual(idsOf('smartphone-grundlagen'));
  });
});
