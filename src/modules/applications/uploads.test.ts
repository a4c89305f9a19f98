import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesDb } from '#kernel/files/repo.ts';
import { pdfBytes } from '#test/files/content.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from './repo.forms.ts';
import { answerPages, publishShippedForm, startForm } from './test/builders.ts';

/*
 * A form's file field takes what it says it takes and nothing else: a file whose content is not what its
 * name and type claim, one over the limit, a zip bomb, a name with a path in it. Each is refused on the page
 * with a message that says why; nothing stays in the store for the draft, and the answers saved before stay.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  await publishShippedForm(platform.ctx, 'kontakt');
});
afterAll(async () => {
  await platform.close();
});

/** A guest at the contact form's attachment page, with the two pages before it answered. */
async function atAttachmentPage() {
  const client = new FormClient(platform.app);
  const first = await startForm(client, 'kontakt');
  const next = await answerPages(client, first, [{ topic: 'question' }, { message: 'Anbei ein Foto.' }]);
  await client.get(next.location!);
  return { client, url: next.location!, draftId: /entwurf\/([0-9a-f-]{36})\//.exec(first)![1]! };
}

/** A zip archive whose one entry unpacks from a few kilobytes to 100 MB of zeros. */
function zipBomb(): Buffer {
  const inflated = 100 * 1024 * 1024;
  const data = deflateRawSync(Buffer.alloc(inflated));
  const name = Buffer.from('zeros.bin');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(inflated, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
}

const storedFiles = async () => Number((await filesDb(platform.ctx.db).selectFrom('files').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count);
const draftRefs = async (draftId: string) => filesDb(platform.ctx.db).selectFrom('file_refs').select('file_id').where('owner_id', '=', draftId).execute();

describe('a file field of a form', () => {
  it('refuses a file that lies about its type, with a message naming what it takes, and keeps the answers saved before', async () => {
    const { client, url, draftId } = await atAttachmentPage();
    const before = await storedFiles();
    const lying = await client.postMultipart(url, {}, { attachment: { name: 'foto.jpg', type: 'image/jpeg', content: Buffer.from('MZ\x90\x00 this is a program, not a photo') } });
    expect(lying.status).toBe(422);
    expect(lying.body).toMatch(/PDF|JPEG|PNG/);
    expect(await draftRefs(draftId)).toEqual([]);
    expect(await storedFiles()).toBe(before);
    const draft = await applicationsDb(platform.ctx.db).selectFrom('application_drafts').select('answers').where('id', '=', draftId).executeTakeFirstOrThrow();
    expect(draft.answers).toMatchObject({ topic: 'question', message: 'Anbei ein Foto.' });
  });

  it('refuses a zip bomb and a file over the limit without a 500', async () => {
    const { client, url, draftId } = await atAttachmentPage();
    const before = await storedFiles();
    const bomb = await client.postMultipart(url, {}, { attachment: { name: 'scan.pdf', type: 'application/pdf', content: zipBomb() } });
    expect(bomb.status).toBe(422);
    const large = Buffer.concat([pdfBytes('groß'), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const tooLarge = await client.postMultipart(url, {}, { attachment: { name: 'gross.pdf', type: 'application/pdf', content: large } });
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body).toMatch(/MB/);
    expect(await draftRefs(draftId)).toEqual([]);
    expect(await storedFiles()).toBe(before);
  });

  it('takes a good PDF under a name with a path in it by its last part only, and references it for the draft', async () => {
    const { client, url, draftId } = await atAttachmentPage();
    const sent = await client.postMultipart(url, {}, { attachment: { name: '../../etc/Schreiben.pdf', type: 'application/pdf', content: pdfBytes('Schreiben der Stadt') } });
    expect(sent.status).toBe(303);
    const draft = await applicationsDb(platform.ctx.db).selectFrom('application_drafts').select('answers').where('id', '=', draftId).executeTakeFirstOrThrow();
    const attachment = draft.answers.attachment as { filename: string; fileId: string };
    expect(attachment.filename).not.toContain('/');
    expect(attachment.filename).toMatch(/Schreiben\.pdf$/);
    expect((await draftRefs(draftId)).map((ref) => ref.file_id)).toEqual([attachment.fileId]);

    // Sent, the file belongs to the case and no longer to the draft, which is gone.
    const check = await answerPages(client, sent.location!, [{ givenName: 'Erika', familyName: 'Muster' }, { answerBy: 'email' }, { email: 'erika.muster@example.org' }]);
    expect(check.location).toMatch(/\/pruefen$/);
    expect((await client.post(check.location!.replace('/pruefen', '/absenden'), { declared: 'on' })).status).toBe(303);
    const made = await applicationsDb(platform.ctx.db).selectFrom('application_cases').select('id').where('draft_id', '=', draftId).executeTakeFirstOrThrow();
    expect(await draftRefs(draftId)).toEqual([]);
    expect((await draftRefs(made.id)).map((ref) => ref.file_id)).toEqual([attachment.fileId]);
  });
});
