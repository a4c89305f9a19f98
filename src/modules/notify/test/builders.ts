import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { expect } from 'vitest';
import type { KernelContext } from '#kernel/context.ts';
import type { FormClient } from '#test/http-client.ts';
import type { buildCitizen } from '#modules/accounts/test/builders.ts';
import { putAttachment, type AttachmentType } from '../attachments.ts';
import { sendNotification, type AttachmentInput, type NotificationInput } from '../service.send.ts';

let counter = 0;

/** Values for the `case-received` template, which every test may use. */
export const caseReceived = { service: 'Anwohnerparkausweis', caseReference: 'AN-2026-7K4M-Q9TX', receivedAt: '2026-11-27T09:30:00Z' };

/** An attachment as a test writes it: its bytes, put into the file store as a sending module does. */
export interface TestAttachment {
  filename: string;
  contentType?: AttachmentType;
  content: Buffer;
}

/**
 * Sends a message through the real public function in a transaction of its own, with a unique cause unless
 * the test names one; attachments given as bytes are put into the file store first. Returns the result,
 * which must be ok.
 */
export async function buildMessage(ctx: KernelContext, input: Partial<Omit<NotificationInput, 'attachments'>> & Pick<NotificationInput, 'recipient'> & { attachments?: (AttachmentInput | TestAttachment)[] }) {
  counter += 1;
  const attachments: AttachmentInput[] = [];
  for (const file of input.attachments ?? []) {
    if ('fileId' in file) {
      attachments.push(file);
      continue;
    }
    const put = await putAttachment(ctx, file.content, file.contentType);
    if (!put.ok) throw new Error(`buildMessage: attachment ${file.filename} refused (${put.reason})`);
    attachments.push({ filename: file.filename, fileId: put.file.id });
  }
  const result = await ctx.db.transaction().execute((trx) =>
    sendNotification(ctx, trx, { purpose: 'case-received', values: caseReceived, cause: `test:case-received:${Date.now().toString(36)}-${counter}`, ...input, attachments }),
  );
  if (!result.ok) throw new Error(`buildMessage failed: ${JSON.stringify(result)}`);
  return result;
}

/** A PDF with bytes that are not text, so that a change on the way (an encoding, a line ending) shows. */
export function binaryPdf(text: string): Buffer {
  return Buffer.concat([Buffer.from(`%PDF-1.4\n% ${text}\n`), randomBytes(512), Buffer.from('\n%%EOF\n')]);
}

/** The content of a file in the store, which must be there and clean. */
export async function storedFile(ctx: KernelContext, fileId: string | null): Promise<Buffer> {
  if (!fileId) throw new Error('no file id');
  const opened = await ctx.files.open(fileId);
  if (!opened.ok) throw new Error(`file ${fileId}: ${opened.reason}`);
  return buffer(opened.content);
}

export async function signInCitizen(client: FormClient, citizen: Awaited<ReturnType<typeof buildCitizen>>) {
  await client.get('/anmelden');
  const response = await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password });
  expect(response.status).toBe(303);
}

export { signInStaff } from '#modules/accounts/test/builders.ts';
