import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeSubmissionsBefore } from '#kernel/forms/repo.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { formsModule } from './forms-module.tsx';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [formsModule]);
});
afterAll(async () => {
  await platform.close();
});

const keyOf = (page: string) => /name="_formKey" value="([^"]+)"/.exec(page)?.[1] ?? '';

async function notesTitled(title: string) {
  const rows = await platform.ctx.db.selectFrom('audit_log').select(['subject_id', 'meta']).where('action', '=', 'formtest.note-created').execute();
  return rows.filter((row) => (row.meta as { title?: string }).title === title);
}

async function submissions() {
  return platform.ctx.db.selectFrom('form_submissions' as never).selectAll().execute() as Promise<{ form_id: string; outcome: unknown }[]>;
}

describe('a form submitted once', () => {
  it('does the work of two identical posts with the same key once, and answers both alike', async () => {
    const client = new FormClient(platform.app);
    const form = await client.get('/formtest/notiz');
    const key = keyOf(form.body);
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const first = await client.post('/formtest/notiz', { title: 'Doppelklick', _formKey: key });
    const second = await client.post('/formtest/notiz', { title: 'Doppelklick', _formKey: key });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    const notes = await notesTitled('Doppelklick');
    expect(notes).toHaveLength(1);
    expect(first.location).toBe(`/formtest/notiz/${notes[0]!.subject_id}`);
    expect((await submissions()).filter((row) => row.form_id === 'formtest.note')).toContainEqual(expect.objectContaining({ outcome: { ok: true, id: notes[0]!.subject_id } }));
  });

  it('makes a post that arrives while the first still works wait for its outcome', async () => {
    const client = new FormClient(platform.app);
    const key = keyOf((await client.get('/formtest/notiz')).body);
    const [first, second] = await Promise.all([
      client.post('/formtest/notiz?slow=1', { title: 'Gleichzeitig', _formKey: key }),
      client.post('/formtest/notiz?slow=1', { title: 'Gleichzeitig', _formKey: key }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    expect(await notesTitled('Gleichzeitig')).toHaveLength(1);
  });

  it('gives the key back after refused input, so the corrected form goes through with it', async () => {
    const client = new FormClient(platform.app);
    const key = keyOf((await client.get('/formtest/notiz')).body);
    const refusedByReader = await client.post('/formtest/notiz', { title: '', amount: '12,345', _formKey: key });
    expect(refusedByReader.status).toBe(422);
    expect(refusedByReader.body).toContain('Bitte füllen Sie das Feld „Startseite“ aus.');
    expect(refusedByReader.body).toContain('höchstens zwei Stellen nach dem Komma');
    // Shown again with what was typed and the same key.
    expect(refusedByReader.body).toContain('value="12,345"');
    expect(keyOf(refusedByReader.body)).toBe(key);
    const refusedByService = await client.post('/formtest/notiz', { title: 'Vergeben', _formKey: key });
    expect(refusedByService.status).toBe(422);
    expect(keyOf(refusedByService.body)).toBe(key);
    expect(await notesTitled('Vergeben')).toHaveLength(0);
    const corrected = await client.post('/formtest/notiz', { title: 'Korrigiert', amount: '12,34', _formKey: key });
    expect(corrected.status).toBe(303);
    expect(await notesTitled('Korrigiert')).toHaveLength(1);
  });

  it('keeps keys apart by browser and by form, and does the work each time without a key', async () => {
    const one = new FormClient(platform.app);
    const other = new FormClient(platform.app);
    const key = keyOf((await one.get('/formtest/notiz')).body);
    await other.get('/formtest/notiz');
    expect((await one.post('/formtest/notiz', { title: 'Zwei Browser', _formKey: key })).status).toBe(303);
    // The same key from another browser is that browser's key: it cannot collect the first one's outcome.
    const elsewhere = await other.post('/formtest/notiz', { title: 'Zwei Browser', _formKey: key });
    expect(elsewhere.status).toBe(303);
    expect(await notesTitled('Zwei Browser')).toHaveLength(2);

    await one.get('/formtest/notiz');
    expect((await one.post('/formtest/notiz', { title: 'Ohne Schlüssel' })).status).toBe(303);
    expect((await one.post('/formtest/notiz', { title: 'Ohne Schlüssel' })).status).toBe(303);
    expect(await notesTitled('Ohne Schlüssel')).toHaveLength(2);
  });

  it('forgets keys after a day, by the kernel’s retention rule', async () => {
    const before = (await submissions()).length;
    expect(before).toBeGreaterThan(0);
    expect(await purgeSubmissionsBefore(platform.ctx.db, new Date(Date.now() - 3_600_000))).toBe(0);
    const rule = platform.ctx.modules.flatMap((module) => module.retention ?? []).find((candidate) => candidate.id === 'kernel.form-submissions');
    expect(rule?.columns).toEqual(['scope_hash', 'outcome']);
    expect(await rule!.purge(platform.ctx.db, new Date(Date.now() + 25 * 3_600_000), platform.ctx.config)).toBe(before);
    expect(await submissions()).toHaveLength(0);
  });
});
