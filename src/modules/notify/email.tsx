import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '#kernel/config.ts';
import type { LetterBlock } from '#kernel/pdf/letter.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Derived from the message id: a resend carries the same id, and mail programs show it once. */
  messageId: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** Plain text as the primary part: it reads well in every mail program and in screen readers. */
export function emailText(blocks: readonly LetterBlock[], footer: string[]): string {
  const parts = blocks.map((block) => (block.kind === 'paragraph' ? block.text : block.items.map((item) => `• ${item}`).join('\n')));
  return `${parts.join('\n\n')}\n\n--\n${footer.join('\n')}\n`;
}

/** The HTML part: semantic paragraphs and lists, the document's language, no images, no layout tables. */
export function emailHtml(input: { lang: string; subject: string; blocks: readonly LetterBlock[]; link?: { href: string; label: string }; footer: string[] }): string {
  return `<!DOCTYPE html>${renderToString(
    <html lang={input.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{input.subject}</title>
      </head>
      <body style="font-family: 'Fira Sans', Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b; max-width: 40em;">
        <main>
          {input.blocks.map((block, index) =>
            block.kind === 'paragraph' ? (
              <p key={index}>
                {block.text.split('\n').map((line, i) => (
                  <>
                    {i > 0 ? <br /> : null}
                    {line}
                  </>
                ))}
              </p>
            ) : (
              <ul key={index}>
                {block.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ),
          )}
          {input.link ? (
            <p>
              <a href={input.link.href} style="color: #0b4f9c;">
                {input.link.label}
              </a>
            </p>
          ) : null}
        </main>
        <footer style="margin-top: 2em; font-size: 14px; color: #4a4a4a;">
          {input.footer.map((line) => (
            <p key={line} style="margin: 0;">
              {line}
            </p>
          ))}
        </footer>
      </body>
    </html>,
  )}`;
}

/**
 * Sends one e-mail over SMTP with timeouts short enough for a job worker, or writes it to DATA_DIR/mail
 * when no SMTP server is configured (the embedded default). A transport per message: there is no pool to
 * leak, and a changed server takes effect at once.
 */
export async function sendEmail(config: Config, mail: OutgoingEmail): Promise<void> {
  const message = {
    from: config.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    attachments: mail.attachments,
    // RFC 3834: an automatic message, so auto-responders do not answer it.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
  if (!config.SMTP_URL) {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const info = await transport.sendMail(message);
    const directory = path.join(config.DATA_DIR, 'mail');
    await fs.mkdir(directory, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^\w-]/g, '').slice(0, 40)}.eml`;
    await fs.writeFile(path.join(directory, name), info.message as Buffer);
    return;
  }
  const timeout = config.SMTP_TIMEOUT_SECONDS * 1000;
  const transport = nodemailer.createTransport({ url: config.SMTP_URL, connectionTimeout: Math.min(timeout, 10_000), greetingTimeout: Math.min(timeout, 10_000), socketTimeout: timeout });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/**
 * A refusal that retrying cannot fix: the server answered 5xx for this message. Authentication failures
 * (530, 534, 535, 538) are the platform's misconfiguration, not the message's, and are retried once an
 * operator has fixed them; timeouts and 4xx answers are retried as well.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 && ![530, 534, 535, 538].includes(code);
}

export function describeFailure(error: unknown): string {
  const { responseCode, code, response, message } = error as { responseCode?: number; code?: string; response?: string; message?: string };
  return [responseCode, code, response ?? message].filter((part) => part !== undefined && part !== '').join(' ').slice(0, 500);
}
