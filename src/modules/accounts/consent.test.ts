import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { consentHistory, consentHolds, consentSubjectIds, forgetConsents, recordConsent, type ConsentEntry } from './index.ts';
import { accountsDb, deleteUser } from './repo.ts';
import { buildCitizen } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const subject = (id: string) => ({ module: 'test', type: 'person', id });
const entry = (id: string, decision: ConsentEntry['decision'], more: Partial<ConsentEntry> = {}): ConsentEntry => ({
  subject: subject(id),
  purpose: 'test.newsletter',
  decision,
  wording: decision === 'given' ? 'Ja, schicken Sie mir den Newsletter.' : 'Keinen Newsletter mehr.',
  language: 'de',
  channel: 'online',
  actor: systemActor('test'),
  ...more,
});

describe('the consent ledger', () => {
  it('holds a consent from its giving until its withdrawal, and keeps every decision in order', async () => {
    const db = platform.ctx.db;
    expect(await consentHolds(db, subject('a'), 'test.newsletter')).toBe(false);
    await recordConsent(db, entry('a', 'given'));
    expect(await consentHolds(db, subject('a'), 'test.newsletter')).toBe(true);
    // Another purpose and another subject are separate.
    expect(await consentHolds(db, subject('a'), 'test.survey')).toBe(false);
    expect(await consentHolds(db, subject('b'), 'test.newsletter')).toBe(false);
    await recordConsent(db, entry('a', 'withdrawn', { channel: 'phone' }));
    expect(await consentHolds(db, subject('a'), 'test.newsletter')).toBe(false);
    await recordConsent(db, entry('a', 'given', { channel: 'letter' }));
    expect(await consentHolds(db, subject('a'), 'test.newsletter')).toBe(true);
    expect((await consentHistory(db, subject('a'))).map((row) => [row.decision, row.channel])).toEqual([
      ['given', 'online'],
      ['withdrawn', 'phone'],
      ['given', 'letter'],
    ]);
  });

  it('refuses to change an entry, so no query can rewrite what someone agreed to', async () => {
    const db = platform.ctx.db;
    await recordConsent(db, entry('c', 'given'));
    await expect(sql`update consent_ledger set decision = 'withdrawn' where subject_id = 'c'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update consent_ledger set wording = 'anders' where subject_id = 'c'`.execute(db)).rejects.toThrow(/append-only/);
    expect(await consentHistory(db, subject('c'))).toEqual([expect.objectContaining({ decision: 'given', wording: 'Ja, schicken Sie mir den Newsletter.' })]);
  });

  it('lets entries go only with their subject: the account, or the module forgetting its own', async () => {
    const db = platform.ctx.db;
    const citizen = await buildCitizen(platform.ctx);
    await recordConsent(db, entry('d', 'given', { subject: { module: 'test', type: 'user', id: citizen.user.id }, userId: citizen.user.id }));
    await recordConsent(db, entry('e', 'given'));
    await recordConsent(db, entry('f', 'given'));
    expect(await consentSubjectIds(db, 'test', 'person')).toEqual(expect.arrayContaining(['e', 'f']));
    expect(await forgetConsents(db, 'test', 'person', ['e'])).toBe(1);
    expect(await consentHistory(db, subject('e'))).toEqual([]);
    expect(await consentHistory(db, subject('f'))).toHaveLength(1);
    // Another module's subject of the same id is not touched.
    expect(await forgetConsents(db, 'other', 'person', ['f'])).toBe(0);
    await deleteUser(accountsDb(db), citizen.user.id);
    expect(await consentHistory(db, { module: 'test', type: 'user', id: citizen.user.id })).toEqual([]);
  });

  it('shows a person’s consents in their data download, in words', async () => {
    const citizen = await buildCitizen(platform.ctx);
    await recordConsent(platform.ctx.db, entry('g', 'given', { subject: { module: 'test', type: 'user', id: citizen.user.id }, userId: citizen.user.id }));
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    expect((await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password })).status).toBe(303);
    const download = JSON.parse((await client.get('/konto/daten.json')).body) as { consents: unknown[] };
    expect(download.consents).toEqual([expect.objectContaining({ purpose: 'test.newsletter', decision: 'given', wording: 'Ja, schicken Sie mir den Newsletter.', channel: 'online' })]);
    const page = await client.get('/konto/daten/ansehen');
    expect(page.body).toContain('Ihre Einwilligungen');
    expect(page.body).toContain('eingewilligt');
    expect(await htmlProblems('/konto/daten/ansehen', page.body)).toEqual([]);
  });
});
