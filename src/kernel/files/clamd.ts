import net from 'node:net';
import type { Readable } from 'node:stream';
import { ScannerError, type ScanResult, type Scanner } from './scanner.ts';

export type ClamdAddress = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

/** clamd refuses chunks above its StreamMaxLength anyway; small chunks keep memory flat. */
const chunkSize = 64 * 1024;

/**
 * ClamAV's daemon over its INSTREAM command: `zINSTREAM\0`, then the content in chunks, each preceded by
 * its length as four bytes big-endian, then a chunk of length zero; clamd answers `stream: OK` or
 * `stream: <signature> FOUND`, ended by NUL. Written on node:net rather than taken from npm: the protocol
 * is a few lines, and the clients there either shell out to clamdscan or bring dependencies and
 * behaviour (temporary files, retries) the store does not want.
 */
export class ClamdScanner implements Scanner {
  readonly name = 'clamav';

  constructor(
    readonly address: ClamdAddress,
    readonly timeoutMs: number,
  ) {}

  async scan(content: Readable): Promise<ScanResult> {
    const socket = this.address.kind === 'tcp' ? net.connect({ host: this.address.host, port: this.address.port }) : net.connect({ path: this.address.path });
    const reply = readReply(socket);
    // Failures surface through the reply; an unhandled rejection of the write side must not crash the process.
    const sending = send(socket, content).catch((error: unknown) => error);
    const timer = setTimeout(() => socket.destroy(new ScannerError(`clamd did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    try {
      const answer = await reply;
      return parseReply(answer);
    } finally {
      clearTimeout(timer);
      socket.destroy();
      content.destroy();
      await sending;
    }
  }
}

async function send(socket: net.Socket, content: Readable): Promise<void> {
  await write(socket, Buffer.from('zINSTREAM\0'));
  for await (const chunk of content as AsyncIterable<Buffer>) {
    for (let offset = 0; offset < chunk.length; offset += chunkSize) {
      const piece = chunk.subarray(offset, offset + chunkSize);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(piece.length);
      await write(socket, length);
      await write(socket, piece);
    }
  }
  await write(socket, Buffer.alloc(4));
}

function write(socket: net.Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(new ScannerError('connection to clamd closed'));
    socket.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/** Everything clamd says up to its NUL; clamd may answer early (over its size limit) and close. */
function readReply(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let connected = false;
    socket.once('connect', () => {
      connected = true;
    });
    const done = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\0');
      return end === -1 ? null : text.slice(0, end);
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const reply = done();
      if (reply !== null) resolve(reply);
    });
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') reject(new ScannerError('clamd closed the connection without an answer'));
      else resolve(text.replace(/\0.*$/s, ''));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // An early answer followed by a reset (clamd stops reading past its limit) still counts. Whether the
      // answer is read before the failed write is a race the operating system decides, so a connection
      // clamd closes mid-stream without an answer read is still a scan that failed, not a daemon missing.
      const reply = done();
      if (reply !== null) return resolve(reply);
      if (error instanceof ScannerError) return reject(error);
      const code = error.code ?? error.message;
      reject(new ScannerError(connected ? `clamd could not scan: it closed the connection while the content was sent (${code})` : `clamd unreachable: ${code}`));
    });
  });
}

export function parseReply(reply: string): ScanResult {
  const text = reply.trim();
  if (/^stream: OK$/.test(text)) return { infected: false };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { infected: true, signature: found[1]! };
  throw new ScannerError(`clamd could not scan: ${text}`);
}
