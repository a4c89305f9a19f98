import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface SmsMessage {
  /** E.164 number (`+491711234567`), as the kernel's phone field reads it. */
  to: string;
  /** Plain text; a provider splits what exceeds one message. */
  text: string;
}

/**
 * Sends short messages through a provider. The platform ships one that writes each message to the data
 * directory (the embedded default, and what tests read); a contracted gateway is another implementation of
 * this interface, chosen where the platform is assembled.
 */
export interface SmsSender {
  readonly kind: string;
  send(message: SmsMessage): Promise<void>;
}

export interface StoredSms extends SmsMessage {
  file: string;
  sentAt: string;
}

/** Writes each message as a JSON file under `directory`, newest last by name. */
export function fileSms(directory: string): SmsSender {
  return {
    kind: 'file',
    async send(message) {
      await fs.mkdir(directory, { recursive: true });
      const sentAt = new Date().toISOString();
      const name = `${sentAt.replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.json`;
      await fs.writeFile(path.join(directory, name), `${JSON.stringify({ to: message.to, text: message.text, sentAt })}\n`);
    },
  };
}

/** The messages a file provider wrote, oldest first (for the developer's view and tests). */
export async function listStoredSms(directory: string): Promise<StoredSms[]> {
  const files = (await fs.readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => ({ file, ...(JSON.parse(await fs.readFile(path.join(directory, file), 'utf8')) as Omit<StoredSms, 'file'>) })));
}

/** Where the shipped provider writes. */
export const smsDirectory = (dataDir: string) => path.join(dataDir, 'sms');
