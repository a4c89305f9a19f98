import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '#test/smtp-peer.ts';
import { fileMailer, listStoredMails, MailError, smtpMailer, type MailMessage } from './mail.ts';

const from = 'Stadt Erkelenz <noreply@erkelenz.example>';

describe('file mailer', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-mail-'));
  });
  afterAll(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  it('writes each mail as an .eml file the developer mail view lists, newest first', async () => {
    const outbox = path.join(directory, 'outbox');
    const mailer = fileMailer(outbox, from);
    expect(await listStoredMails(outbox)).toEqual([]);
    await mailer.send({ to: 'ada@example.org', subject: 'Grüße aus Erkelenz', text: 'Ihr Antrag ist eingegangen.', messageId: '<first@erkelenz.example>' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mailer.send({ to: 'bert@example.org', subject: 'Zweite Nachricht', text: 'Noch eine.', html: '<p>Noch eine.</p>' });
    mailer.close();

    const stored = await listStoredMails(outbox);
    expect(stored.map((mail) => mail.file)).toEqual(expect.arrayContaining([expect.stringMatching(/\.eml$/)]));
    expect(stored).toHaveLength(2);
    const [newest, oldest] = await Promise.all(stored.map((mail) => simpleParser(mail.raw)));
    expect(newest?.subject).toBe('Zweite Nachricht');
    expect(newest?.html).toContain('<p>Noch eine.</p>');
    expect(oldest).toMatchObject({ subject: 'Grüße aus Erkelenz', messageId: '<first@erkelenz.example>' });
    expect(oldest?.text?.trim()).toBe('Ihr Antrag ist eingegangen.');
    expect(oldest?.from?.value).toEqual([{ name: 'Stadt Erkelenz', address: 'noreply@erkelenz.example' }]);
    expect(JSON.stringify(oldest?.to)).toContain('ada@example.org');
    expect(await listStoredMails(outbox, 1)).toHaveLength(1);
  });

  it('writes HTML, attachments and the headers the SMTP server would receive', async () => {
    const outbox = path.join(directory, 'full');
    const mailer = fileMailer(outbox, from);
    await mailer.send(fullMail('ada@example.org'));
    mailer.close();
    const [stored] = await listStoredMails(outbox);
    expect(stored?.file).toMatch(/-erinnerung-1erkelenzexample\.eml$/);
    expectFullMail(await simpleParser(stored!.raw));
  });
});

/** A mail with every part the pipeline carries. */
function fullMail(to: string): MailMessage {
  return {
    to,
    subject: 'Erinnerung: Biotonne',
    text: 'Morgen wird die Biotonne geleert.',
    html: '<p>Morgen wird die <strong>Biotonne</strong> geleert.</p>',
    attachments: [{ filename: 'Abfuhrkalender.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 kalender') }],
    messageId: '<erinnerung-1@erkelenz.example>',
    references: ['<abfuhr-plan@erkelenz.example>'],
    unsubscribe: { url: 'https://erkelenz.example/abfall/erinnerungen/abbestellen?id=42', oneClick: true },
  };
}

function expectFullMail(mail: Awaited<ReturnType<typeof simpleParser>> | undefined) {
  expect(mail).toMatchObject({ subject: 'Erinnerung: Biotonne', messageId: '<erinnerung-1@erkelenz.example>', references: '<abfuhr-plan@erkelenz.example>' });
  expect(mail?.text?.trim()).toBe('Morgen wird die Biotonne geleert.');
  expect(mail?.html).toContain('<strong>Biotonne</strong>');
  expect(mail?.attachments.map((file) => [file.filename, file.contentType, file.content.toString()])).toEqual([['Abfuhrkalender.pdf', 'application/pdf', '%PDF-1.7 kalender']]);
  expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
  // Long header lines arrive folded (RFC 5322); unfolded they read as written.
  const line = (key: string) => mail?.headerLines.find((header) => header.key === key)?.line.replace(/\r?\n\s+/g, ' ');
  expect(line('list-unsubscribe')).toBe('List-Unsubscribe: <https://erkelenz.example/abfall/erinnerungen/abbestellen?id=42>');
  expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
}

describe('SMTP mailer', () => {
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
  });
  afterAll(async () => {
    await peer.close();
  });

  it('delivers to the SMTP server', async () => {
    const mailer = smtpMailer(peer.url, from);
    await mailer.send({ to: 'ada@example.org', subject: 'Termin bestätigt', text: 'Am Montag um 9 Uhr.', messageId: '<termin-1@erkelenz.example>' });
    mailer.close();
    const mail = peer.lastTo('ada@example.org');
    expect(mail).toMatchObject({ subject: 'Termin bestätigt', messageId: '<termin-1@erkelenz.example>' });
    expect(mail?.from?.value).toEqual([{ name: 'Stadt Erkelenz', address: 'noreply@erkelenz.example' }]);
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
    // An official notice is no list mail: nothing to unsubscribe from.
    expect(mail?.headerLines.map((header) => header.key)).not.toContain('list-unsubscribe');
  });

  it('delivers HTML, attachments, references and the unsubscribe address', async () => {
    const mailer = smtpMailer(peer.url, from);
    await mailer.send(fullMail('carla@example.org'));
    mailer.close();
    expectFullMail(peer.lastTo('carla@example.org'));
  });

  it.each([
    ['for good', 550, true],
    ['for good', 554, true],
    ['for now', 451, false],
    ['for now', 421, false],
    // The platform's login was refused: an operator fixes the configuration, and the mail goes out then.
    ['for now', 535, false],
  ])('tells a refusal %s from the SMTP answer %i', async (_kind, code, permanent) => {
    const mailer = smtpMailer(peer.url, from);
    peer.failNext(1, code);
    const delivered = peer.messages.length;
    const refused = mailer.send({ to: 'bert@example.org', subject: 'Abgelehnt', text: '…' });
    await expect(refused).rejects.toBeInstanceOf(MailError);
    await expect(refused).rejects.toMatchObject({ responseCode: code, permanent, message: expect.stringContaining(String(code)) });
    expect(peer.messages).toHaveLength(delivered);
    // The refusal was for that message only; the next one goes through.
    await mailer.send({ to: 'bert@example.org', subject: 'Angenommen', text: '…' });
    expect(peer.lastTo('bert@example.org')?.subject).toBe('Angenommen');
    mailer.close();
  });

  it('rejects when no server answers', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const mailer = smtpMailer(`smtp://127.0.0.1:${closedPort}`, from);
    await expect(mailer.send({ to: 'ada@example.org', subject: 'x', text: 'x' })).rejects.toMatchObject({ permanent: false, message: expect.stringMatching(/ECONNREFUSED/) });
    mailer.close();
  });

  it('gives up on a server that stops answering after its timeout, as a failure for now', async () => {
    const mailer = smtpMailer(peer.url, from, 1);
    peer.stallNext(1);
    const started = Date.now();
    await expect(mailer.send({ to: 'dora@example.org', subject: 'x', text: 'x' })).rejects.toMatchObject({ permanent: false, message: expect.stringMatching(/ETIMEDOUT|timeout/i) });
    expect(Date.now() - started).toBeLessThan(10_000);
    mailer.close();
  });
});
