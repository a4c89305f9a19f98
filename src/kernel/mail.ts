import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import Type from 'typebox';
import { defineJob } from './jobs.ts';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailMessage {
  to: string;
  subject: string;
  /** The primary part: it reads well in every mail program and in screen readers. */
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Stable id derived from the cause, so a resend of the same message is recognisable as such. */
  messageId?: string;
  /** Message-IDs this mail follows (RFC 5322), so mail programs show the mails of one matter together. */
  references?: string[];
  /**
   * Only for mail a person asked for and may stop (reminders, newsletters), never for official notices:
   * the address that stops it (RFC 2369), with `oneClick` when it also takes a bare POST (RFC 8058).
   */
  unsubscribe?: { url: string; oneClick: boolean };
}

/**
 * A mail that did not leave. `permanent` when retrying cannot help (the server refused this message for
 * good); otherwise the caller tries again later.
 */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The SMTP reply code, when a server answered. */
    readonly responseCode: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MailError';
  }
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  /** Sends one mail; throws a `MailError` when it did not leave. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * A refusal retrying cannot fix: the server answered 5xx for this message. Authentication failures (530,
 * 534, 535, 538) are the platform's misconfiguration, not the message's, and are retried once an operator
 * has fixed them; timeouts, refused connections and 4xx answers are retried as well.
 */
function isPermanent(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600 && ![530, 534, 535, 538].includes(responseCode);
}

function mailErrorFrom(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const { responseCode, code, response, message } = error as { responseCode?: unknown; code?: string; response?: string; message?: string };
  const status = typeof responseCode === 'number' ? responseCode : undefined;
  const detail = [status, code, response ?? message].filter((part) => part !== undefined && part !== '').join(' ').slice(0, 500);
  return new MailError(detail || 'mail not sent', isPermanent(status), status, { cause: error });
}

/** The same mail for every transport: what the SMTP peer receives is what the file outbox holds. */
function envelopeOf(message: MailMessage, from: string): SendMailOptions {
  const headers: Record<string, string> = {
    // RFC 3834: every mail of the platform is sent by a machine, so auto-responders do not answer it.
    'Auto-Submitted': 'auto-generated',
  };
  if (message.unsubscribe?.oneClick) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.content })),
    messageId: message.messageId,
    references: message.references,
    list: message.unsubscribe ? { unsubscribe: message.unsubscribe.url } : undefined,
    headers,
  };
}

/**
 * Sends over SMTP with timeouts short enough for a job worker. Nodemailer opens a connection per mail
 * (no pool), so nothing is held between jobs.
 */
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
      try {
        await transport.sendMail(envelopeOf(message, from));
      } catch (error) {
        throw mailErrorFrom(error);
      }
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
      try {
        const info = await transport.sendMail(envelopeOf(message, from));
        await fs.mkdir(directory, { recursive: true });
        const tag = message.messageId?.replace(/[^\w-]/g, '').slice(0, 40) || Math.random().toString(36).slice(2, 8);
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${tag}.eml`;
        await fs.writeFile(path.join(directory, name), info.message as Buffer);
      } catch (error) {
        throw mailErrorFrom(error);
      }
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

/**
 * A mail whose whole text is decided when it is queued, for mail that carries nothing secret (a report
 * forwarded to the city, a farewell to a deleted account). Jobs are kept for a week, so a link with a
 * working token never goes in here: such a mail gets a job of its own module that carries ids and renders
 * the mail, token included, when it is sent (as `accounts.send-account-mail` and `notify.deliver-email` do).
 */
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
    try {
      await ctx.mailer.send(payload);
    } catch (error) {
      // A refusal for good would only be refused again on each retry; it is logged for the operators instead.
      if (!(error instanceof MailError && error.permanent)) throw error;
      ctx.log.warn({ job: 'kernel.send-mail', detail: error.message }, 'mail refused for good, not retried');
    }
  },
});
