import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { caseOwner, findCase } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import { ensureReceipt } from './service.receipt.ts';
import { publishShippedForm, submitCase } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  await publishShippedForm(platform.ctx, 'kontakt');
});
afterAll(async () => {
  await platform.close();
});

const contact = (email: string) => ({ topic: 'question', message: 'Wann ist der Wertstoffhof samstags geöffnet?', givenName: 'Erika', familyName: 'Muster', answerBy: 'email', email });

const caseFileRefs = (caseId: string) => platform.ctx.files.refsOf(platform.ctx.db, caseOwner(caseId));

describe('the receipt of an application confirmed by e-mail', () => {
  it('is made after sending, through the case’s event, referenced by the case, and holds the reference and every answer', async () => {
    const made = await submitCase(platform.ctx, 'kontakt', contact('job@example.org'));
    expect(made.receipt_file_id).toBeNull();
    expect(await caseFileRefs(made.id)).toEqual([]);

    await platform.runJobs();
    const after = await findCase(applicationsDb(platform.ctx.db), made.id);
    expect(after?.receipt_file_id).toEqual(expect.any(String));
    expect(await caseFileRefs(made.id)).toEqual([after!.receipt_file_id]);
    const stored = await platform.ctx.files.open(after!.receipt_file_id!);
    if (!stored.ok) throw new Error(`receipt not readable: ${stored.reason}`);
    const pdf = await readPdf(await buffer(stored.content));
    const text = await pdf.text(1, pdf.pages);
    expect(text).toContain(made.reference);
    expect(text).toContain('Wann ist der Wertstoffhof samstags geöffnet?');

    // Asked for again (the download, the job run twice), it is the same file.
    expect((await ensureReceipt(platform.ctx, made.id))?.fileId).toBe(after!.receipt_file_id);
  });

  it('is made once when the download and the job ask for it at the same moment', async () => {
    const made = await submitCase(platform.ctx, 'kontakt', contact('race@example.org'));
    const [first, second] = await Promise.all([ensureReceipt(platform.ctx, made.id), ensureReceipt(platform.ctx, made.id)]);
    expect(first?.fileId).toEqual(expect.any(String));
    expect(second?.fileId).toBe(first?.fileId);
    expect(await caseFileRefs(made.id)).toEqual([first!.fileId]);
    expect((await findCase(applicationsDb(platform.ctx.db), made.id))?.receipt_file_id).toBe(first!.fileId);
  });

  it('is nothing for a case that does not exist', async () => {
    expect(await ensureReceipt(platform.ctx, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
