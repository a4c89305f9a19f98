import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpPeer {
  url: string;
  messages: ParsedMail[];
  /** Makes the next n deliveries fail with the given SMTP code (4xx temporary, 5xx permanent). */
  failNext(count: number, code: number): void;
  /**
   * Makes the next n deliveries hang after the message was sent: the server never answers, as an overloaded
   * or half-dead server does, and the message is not kept. The client must give up on its own timeout.
   */
  stallNext(count: number): void;
  /** The newest message sent to the address, or undefined. */
  lastTo(address: string): ParsedMail | undefined;
  close(): Promise<void>;
}

/** A real SMTP server on a loopback port that keeps every message it accepts. */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const messages: ParsedMail[] = [];
  let failures: { count: number; code: number } = { count: 0, code: 0 };
  let stalls = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (stalls > 0) {
        stalls -= 1;
        stream.resume();
        return;
      }
      if (failures.count > 0) {
        failures.count -= 1;
        stream.resume();
        const error = Object.assign(new Error('Delivery refused by test peer'), { responseCode: failures.code });
        stream.on('end', () => callback(error));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext(count, code) {
      failures = { count, code };
    },
    stallNext(count) {
      stalls = count;
    },
    lastTo(to) {
      return messages.filter((mail) => JSON.stringify(mail.to ?? '').includes(to)).at(-1);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
