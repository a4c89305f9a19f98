import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMailJob } from '#kernel/mail.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

describe('mail through the job system', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(async () => {
    await platform.close();
  });

  async function mailJobs(subject: string) {
    const { rows } = await sql<{ state: string; retry_count: number; retry_limit: number }>`
      select state::text as state, retry_count, retry_limit from pgboss.job
      where name = ${sendMailJob.name} and data->>'subject' = ${subject}`.execute(platform.ctx.db);
    return rows;
  }

  it('keeps a mail the server refused for now and delivers it on a later run', async () => {
    const subject = 'Ihre Meldung ist eingegangen';
    await platform.ctx.db.transaction().execute(async (trx) => {
      await platform.ctx.jobs.enqueue(trx, sendMailJob, { to: 'carla@example.org', subject, text: 'Danke.' });
    });
    platform.smtp.failNext(1, 451);
    expect(await platform.runJobs()).toBe(1);
    expect(platform.smtp.lastTo('carla@example.org')).toBeUndefined();
    expect(await mailJobs(subject)).toMatchObject([{ state: 'retry', retry_limit: 5 }]);

    // The retry falls due (moved into the past instead of waited for).
    await sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${sendMailJob.name}`.execute(platform.ctx.db);
    expect(await platform.runJobs()).toBe(1);
    expect(platform.smtp.lastTo('carla@example.org')?.subject).toBe(subject);
    expect(await mailJobs(subject)).toMatchObject([{ state: 'completed', retry_count: 1 }]);
  });

  it('does not retry a mail the server refused for good, which would only be refused again', async () => {
    const subject = 'Ihre Rückmeldung zur Barrierefreiheit';
    await platform.ctx.db.transaction().execute(async (trx) => {
      await platform.ctx.jobs.enqueue(trx, sendMailJob, { to: 'gibt-es-nicht@example.org', subject, text: 'Danke.' });
    });
    platform.smtp.failNext(1, 550);
    expect(await platform.runJobs()).toBe(1);
    expect(platform.smtp.lastTo('gibt-es-nicht@example.org')).toBeUndefined();
    expect(await mailJobs(subject)).toMatchObject([{ state: 'completed', retry_count: 0 }]);
  });
});
