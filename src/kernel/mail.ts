import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import Type from 'typebox';
import { defineJob } from './jobs.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable id derived from the cause, so a resend of the same message is recognisable as such. */
  messageId?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Sends over SMTP with timeouts short enough for a job worker; a failure throws and the job retries. */
export function smtpMailer(url: string, from: string, timeoutSeconds = 20): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    url,
    connectionTimeout: Math.min(10, timeoutSeconds) * 1000,
    greetingTimeout: Math.min(10, timeoutSeconds) * 1000,
    socketTimeout: timeoutSeconds * 1000,
  });
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({ ...message, from });
    },
    close: () => transport.close(),
  };
}

/**
 * Writes each mail as an .eml file under the data directory: the embedded default needs no mail server,
 * and the developer mail view reads these files.
 */
export function fileMailer(directory: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(message) {
      const info = await transport.sendMail({ ...message, from });
      await fs.mkdir(directory, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
      await fs.writeFile(path.join(directory, name), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}

export interface StoredMail {
  file: string;
  raw: string;
}

export async function listStoredMails(directory: string, limit = 50): Promise<StoredMail[]> {
  const files = await fs.readdir(directory).catch(() => [] as string[]);
  const newest = files.filter((file) => file.endsWith('.eml')).sort().reverse().slice(0, limit);
  return Promise.all(newest.map(async (file) => ({ file, raw: await fs.readFile(path.join(directory, file), 'utf8') })));
}

/** Mail leaves through this job, queued in the transaction that decided to send it. */
export const sendMailJob = defineJob({
  name: 'kernel.send-mail',
  payload: Type.Object({
    to: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    html: Type.Optional(Type.String()),
    messageId: Type.Optional(Type.String()),
  }),
  handler: async (payload, ctx) => {
    await ctx.mailer.send(payload);
  },
});
