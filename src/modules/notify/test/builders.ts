import { expect } from 'vitest';
import type { KernelContext } from '#kernel/context.ts';
import type { FormClient } from '#test/http-client.ts';
import type { buildCitizen } from '#modules/accounts/test/builders.ts';
import { sendNotification, type NotificationInput } from '../service.send.ts';

let counter = 0;

/** Values for the `case-received` template, which every test may use. */
export const caseReceived = { service: 'Anwohnerparkausweis', caseReference: 'AN-2026-7K4M-Q9TX', receivedAt: '2026-11-27T09:30:00Z' };

/**
 * Sends a message through the real public function in a transaction of its own, with a unique cause unless
 * the test names one; returns the result, which must be ok.
 */
export async function buildMessage(ctx: KernelContext, input: Partial<NotificationInput> & Pick<NotificationInput, 'recipient'>) {
  counter += 1;
  const result = await ctx.db.transaction().execute((trx) =>
    sendNotification(ctx, trx, { purpose: 'case-received', values: caseReceived, cause: `test:case-received:${Date.now().toString(36)}-${counter}`, ...input }),
  );
  if (!result.ok) throw new Error(`buildMessage failed: ${JSON.stringify(result)}`);
  return result;
}

export async function signInCitizen(client: FormClient, citizen: Awaited<ReturnType<typeof buildCitizen>>) {
  await client.get('/anmelden');
  const response = await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password });
  expect(response.status).toBe(303);
}

export { signInStaff } from '#modules/accounts/test/builders.ts';
