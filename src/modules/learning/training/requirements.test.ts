import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { trainingCoordinator } from '../permissions.ts';
import { trainingDb } from './repo.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

async function coordinator() {
  const staff = await buildStaff(platform.ctx, [{ role: trainingCoordinator }]);
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { ...staff, client };
}

const requirement = (key: string) => trainingDb(platform.ctx.db).selectFrom('learning_training_requirements').selectAll().where('key', '=', key).executeTakeFirst();
const fields = { key: 'brandschutz', titleDe: 'Brandschutz', titleEn: 'Fire safety', descriptionDe: '', descriptionEn: '', validMonths: '36', remindDays: '60', active: 'on' };

describe('the required trainings the coordinator keeps', () => {
  it('are set up with roles, months and reminder days, refusing a bad short name or a reminder as long as the validity with 422, as valid HTML', async () => {
    const { client, user } = await coordinator();
    const form = await client.get('/verwaltung/fortbildung/anforderungen/neu');
    expect(form.status).toBe(200);
    expect(await htmlProblems('/verwaltung/fortbildung/anforderungen/neu', form.body)).toEqual([]);
    expect(form.body).toContain('value="caseworker"');

    const badKey = await client.post('/verwaltung/fortbildung/anforderungen/neu', { ...fields, key: 'Brand Schutz', roles: 'caseworker' });
    expect(badKey.status).toBe(422);
    expect(badKey.body).toContain('Der Kurzname darf nur Kleinbuchstaben, Ziffern und einzelne Bindestriche enthalten');
    expect(await htmlProblems('/verwaltung/fortbildung/anforderungen/neu', badKey.body)).toEqual([]);
    const tooLong = await client.post('/verwaltung/fortbildung/anforderungen/neu', { ...fields, validMonths: '1', remindDays: '40' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toContain('Die Erinnerung muss kürzer sein als die Gültigkeit');
    const noRole = await client.post('/verwaltung/fortbildung/anforderungen/neu', { ...fields, roles: 'hausmeister' });
    expect(noRole.status).toBe(422);
    expect(await requirement('brandschutz')).toBeUndefined();

    const made = await client.post('/verwaltung/fortbildung/anforderungen/neu', { ...fields, roles: 'caseworker' });
    expect(made.status).toBe(303);
    const list = await client.follow(made);
    expect(list.body).toContain('Die Pflichtfortbildung wurde angelegt.');
    expect(list.body).toContain('36 Monate');
    expect(await htmlProblems('/verwaltung/fortbildung/anforderungen', list.body)).toEqual([]);
    expect(await requirement('brandschutz')).toEqual(expect.objectContaining({ title_de: 'Brandschutz', roles: ['caseworker'], valid_months: 36, remind_days: 60, active: true }));
    const audit = await sql<{ subject_id: string }>`select subject_id from audit_log where action = 'learning.training-requirement-created' and actor_id = ${user.id}`.execute(platform.ctx.db);
    expect(audit.rows).toEqual([{ subject_id: 'brandschutz' }]);

    await client.get('/verwaltung/fortbildung/anforderungen/neu');
    const taken = await client.post('/verwaltung/fortbildung/anforderungen/neu', { ...fields, titleDe: 'Noch einmal' });
    expect(taken.status).toBe(422);
    expect(taken.body).toContain('Diesen Kurznamen hat schon eine andere Pflichtfortbildung.');
  });

  it('are changed and switched off, after which nobody is due for them', async () => {
    const { client } = await coordinator();
    await client.get('/verwaltung/fortbildung/anforderungen/neu');
    await client.post('/verwaltung/fortbildung/anforderungen/neu', { ...fields, key: 'erste-hilfe', titleDe: 'Erste Hilfe', titleEn: 'First aid' });
    await buildStaff(platform.ctx, [], { display_name: 'Hanna Helfer' });
    expect((await client.get('/verwaltung/fortbildung?anforderung=erste-hilfe')).body).toContain('Hanna Helfer');

    const edit = await client.get('/verwaltung/fortbildung/anforderungen/erste-hilfe');
    expect(edit.status).toBe(200);
    expect(edit.body).toContain('value="Erste Hilfe"');
    expect(await htmlProblems('/verwaltung/fortbildung/anforderungen/erste-hilfe', edit.body)).toEqual([]);
    const refused = await client.post('/verwaltung/fortbildung/anforderungen/erste-hilfe', { titleDe: '', titleEn: 'First aid', validMonths: 'zwei', remindDays: '30' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Bitte geben Sie einen Titel an.');
    expect(refused.body).toContain('Bitte geben Sie die Gültigkeit als ganze Zahl von 1 bis 120 Monaten an.');

    const saved = await client.post('/verwaltung/fortbildung/anforderungen/erste-hilfe', { titleDe: 'Erste Hilfe im Amt', titleEn: 'First aid', validMonths: '24', remindDays: '30' });
    expect(saved.status).toBe(303);
    expect(await requirement('erste-hilfe')).toEqual(expect.objectContaining({ title_de: 'Erste Hilfe im Amt', valid_months: 24, active: false }));
    expect((await client.get('/verwaltung/fortbildung')).body).not.toContain('Erste Hilfe im Amt');
    expect((await client.get('/verwaltung/fortbildung/anforderungen/gibt-es-nicht')).status).toBe(404);
  });

  it('are kept by the coordinator only', async () => {
    const staff = await buildStaff(platform.ctx, [{ role: 'trainer' }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, staff);
    expect((await client.get('/verwaltung/fortbildung/anforderungen')).status).toBe(403);
    await client.get('/verwaltung/meine-fortbildungen');
    expect((await client.post('/verwaltung/fortbildung/anforderungen/neu', { ...fields, key: 'heimlich' })).status).toBe(403);
    expect(await requirement('heimlich')).toBeUndefined();
  });
});
