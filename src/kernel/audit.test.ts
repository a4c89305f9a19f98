import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#kernel/db/database.ts';
import { freshDatabase } from '#test/database.ts';
import { auditTrailOf, purgeAuditLogBefore, recordAudit } from './audit.ts';
import { systemActor, type Actor } from './auth/actor.ts';

const citizenId = '7d0a4a8e-5b1f-4c55-9d2e-0f6c2b1a9e01';
const clerk: Actor = {
  kind: 'staff',
  roles: [{ role: 'editor' }],
  userId: '0b8f1c7e-2a44-4f0e-8c61-3d9a7e5b2c10',
  displayName: 'Sachbearbeitung',
  email: null,
  language: 'de',
  simplifiedLanguage: false,
  sessionHash: 'hash',
};

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
});

async function entries(action: string) {
  return database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}

describe('audit log', () => {
  it('keeps who did what to whose data, with the request it came from', async () => {
    await recordAudit(
      database.db,
      { actor: clerk, requestId: 'req-0001-abcd' },
      { action: 'test.profile-viewed', subjectType: 'account', subjectId: citizenId, dataSubjectId: citizenId, reason: 'Rückfrage', meta: { fields: ['address'] } },
    );
    const [entry] = await entries('test.profile-viewed');
    expect(entry).toMatchObject({
      actor_id: clerk.kind === 'staff' ? clerk.userId : null,
      actor_label: `staff:${clerk.kind === 'staff' ? clerk.userId : ''}`,
      subject_type: 'account',
      subject_id: citizenId,
      data_subject_id: citizenId,
      reason: 'Rückfrage',
      request_id: 'req-0001-abcd',
      meta: { fields: ['address'] },
    });
    const trail = await auditTrailOf(database.db, citizenId);
    expect(trail.map((row) => row.action)).toContain('test.profile-viewed');
  });

  it('refuses to change or delete history, even for the database owner', async () => {
    await recordAudit(database.db, { actor: systemActor('test') }, { action: 'test.kept', subjectType: 'thing' });
    await expect(database.db.updateTable('audit_log').set({ reason: 'rewritten' }).where('action', '=', 'test.kept').execute()).rejects.toThrow(
      /audit_log is append-only/,
    );
    await expect(database.db.deleteFrom('audit_log').where('action', '=', 'test.kept').execute()).rejects.toThrow(/audit_log is append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/audit_log is append-only/);
    expect(await entries('test.kept')).toMatchObject([{ actor_label: 'system:test', reason: null }]);
  });

  it('lets only its retention rule delete, and only what is older than the retention period', async () => {
    const day = 86_400_000;
    const insert = (action: string, daysAgo: number) =>
      database.db
        .insertInto('audit_log')
        .values({ actor_label: 'system:test', action, subject_type: 'thing', at: new Date(Date.now() - daysAgo * day) })
        .execute();
    await insert('test.too-old', 800);
    await insert('test.still-kept', 700);
    expect(await purgeAuditLogBefore(database.db, new Date(Date.now() - 730 * day))).toBe(1);
    expect(await entries('test.too-old')).toEqual([]);
    expect(await entries('test.still-kept')).toHaveLength(1);
    // The permission ends with the retention run's transaction.
    await expect(database.db.deleteFrom('audit_log').where('action', '=', 'test.still-kept').execute()).rejects.toThrow(/audit_log is append-only/);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select set_config('erkelenz.audit_retention', 'on', true)`.execute(trx);
        await trx.updateTable('audit_log').set({ reason: 'rewritten' }).where('action', '=', 'test.still-kept').execute();
      }),
    ).rejects.toThrow(/audit_log is append-only/);
  });

  it('refuses to be emptied by TRUNCATE', async () => {
    const undo = new Error('undo whatever the truncate did, for the other tests');
    let refusal: unknown = null;
    const attempt = database.db.transaction().execute(async (trx) => {
      refusal = await sql`truncate audit_log`.execute(trx).then(
        () => null,
        (error: unknown) => error,
      );
      throw undo;
    });
    await expect(attempt).rejects.toBe(undo);
    expect(String(refusal)).toMatch(/audit_log is append-only/);
  });

  it('writes inside the transaction of the change it documents and vanishes with its rollback', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: systemActor('test') }, { action: 'test.rolled-back', subjectType: 'thing' });
        // Visible inside the transaction, like the change it belongs to …
        expect(await trx.selectFrom('audit_log').select('id').where('action', '=', 'test.rolled-back').execute()).toHaveLength(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // … and gone with it.
    expect(await entries('test.rolled-back')).toEqual([]);

    await database.db.transaction().execute(async (trx) => {
      await recordAudit(trx, { actor: systemActor('test') }, { action: 'test.committed', subjectType: 'thing' });
    });
    expect(await entries('test.committed')).toHaveLength(1);
  });

  it('lists one person’s trail newest first and nobody else’s', async () => {
    const other = '5e3c1b2a-9f8d-4e7c-a6b5-4c3d2e1f0a9b';
    for (const action of ['test.first', 'test.second']) {
      await recordAudit(database.db, { actor: clerk }, { action, subjectType: 'account', dataSubjectId: other });
      await sql`select pg_sleep(0.01)`.execute(database.db);
    }
    const trail = await auditTrailOf(database.db, other);
    expect(trail.map((row) => row.action)).toEqual(['test.second', 'test.first']);
  });
});
