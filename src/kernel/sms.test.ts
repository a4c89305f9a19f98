import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSms, listStoredSms } from './sms.ts';

describe('the shipped SMS provider', () => {
  it('writes each message to the directory, and they are read back in the order sent', async () => {
    const directory = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sms-')), 'sms');
    const sender = fileSms(directory);
    await sender.send({ to: '+491711234567', text: 'Ihr Code: 123456' });
    await sender.send({ to: '+491711234567', text: 'Ihr Termin ist gebucht.' });
    const stored = await listStoredSms(directory);
    expect(stored.map((sms) => [sms.to, sms.text])).toEqual([
      ['+491711234567', 'Ihr Code: 123456'],
      ['+491711234567', 'Ihr Termin ist gebucht.'],
    ]);
    expect(Date.parse(stored[0]!.sentAt)).not.toBeNaN();
  });

  it('reads an outbox nothing was written to as empty', async () => {
    expect(await listStoredSms(path.join(os.tmpdir(), 'no-such-sms-outbox'))).toEqual([]);
  });
});
