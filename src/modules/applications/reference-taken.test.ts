import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymous } from '#kernel/auth/actor.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { findCaseOfDraft } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import { publishShippedForm, submitCase } from './test/builders.ts';

// References are random; to meet a taken one, the draw is made to repeat a reference once.
const draws = vi.hoisted(() => ({ forced: [] as string[] }));
vi.mock('#kernel/reference.ts', async (original) => {
  const real = await original<typeof import('#kernel/reference.ts')>();
  return { ...real, newReference: (prefix: string) => draws.forced.shift() ?? real.newReference(prefix) };
});

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  await publishShippedForm(platform.ctx, 'kontakt');
});
afterAll(async () => {
  await platform.close();
});

const contact = (email: string) => ({ topic: 'question', message: 'Gibt es Parkplätze am Rathaus?', givenName: 'Erika', familyName: 'Muster', answerBy: 'email', email });

describe('a submission whose reference is taken already', () => {
  it('draws another and makes exactly one case, the first case untouched', async () => {
    const first = await submitCase(platform.ctx, 'kontakt', contact('first@example.org'));
    draws.forced.push(first.reference);
    const second = await submitCase(platform.ctx, 'kontakt', contact('second@example.org'), anonymous);
    expect(second.reference).not.toBe(first.reference);
    expect(draws.forced).toEqual([]);
    const again = await findCaseOfDraft(applicationsDb(platform.ctx.db), first.draft_id!);
    expect(again?.applicant.email).toBe('first@example.org');
    const cases = await applicationsDb(platform.ctx.db).selectFrom('application_cases').select('reference').where('draft_id', '=', second.draft_id!).execute();
    expect(cases).toEqual([{ reference: second.reference }]);
  });
});
