import net from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '#test/free-port.ts';
import { ClamdScanner, parseReply } from './clamd.ts';

describe('ClamAV adapter, where clamd is not what answers', () => {
  let silent: net.Server;
  let port: number;
  const received: Buffer[] = [];
  beforeAll(async () => {
    // A peer that reads everything and never answers, as a hung daemon does.
    silent = net.createServer((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up after its timeout when the daemon does not answer, having sent the INSTREAM framing', async () => {
    const scanner = new ClamdScanner({ kind: 'tcp', host: '127.0.0.1', port }, 300);
    const started = Date.now();
    await expect(scanner.scan(Readable.from([Buffer.from('Inhalt')]))).rejects.toThrow('clamd did not answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
    const sent = Buffer.concat(received);
    expect(sent.equals(Buffer.concat([Buffer.from('zINSTREAM\0'), Buffer.from([0, 0, 0, 6]), Buffer.from('Inhalt'), Buffer.alloc(4)]))).toBe(true);
  });

  it('reports a daemon that is not there', async () => {
    const scanner = new ClamdScanner({ kind: 'tcp', host: '127.0.0.1', port: await freePort() }, 2000);
    await expect(scanner.scan(Readable.from([Buffer.from('x')]))).rejects.toThrow('clamd unreachable: ECONNREFUSED');
    const missingSocket = new ClamdScanner({ kind: 'unix', path: '/nonexistent/clamd.ctl' }, 2000);
    await expect(missingSocket.scan(Readable.from([Buffer.from('x')]))).rejects.toThrow('clamd unreachable: ENOENT');
  });

  it('fails the scan, and does not call the daemon missing, when the peer drops the connection mid-stream', async () => {
    // A peer that hangs up after the first bytes, unread content left behind, as clamd does past its limit.
    const dropping = net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    try {
      const scanner = new ClamdScanner({ kind: 'tcp', host: '127.0.0.1', port: (dropping.address() as net.AddressInfo).port }, 5000);
      const endless = Readable.from((function* () {
        for (let i = 0; i < 10_000; i++) yield Buffer.alloc(64 * 1024, 1);
      })());
      await expect(scanner.scan(endless)).rejects.toThrow(/^clamd could not scan: it closed the connection while the content was sent \((EPIPE|ECONNRESET)\)$/);
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });

  it('reads clamd answers: clean, a signature found, and anything else as a failure to scan', () => {
    expect(parseReply('stream: OK')).toEqual({ infected: false });
    expect(parseReply('stream: Win.Test.EICAR_HDB-1 FOUND')).toEqual({ infected: true, signature: 'Win.Test.EICAR_HDB-1' });
    expect(() => parseReply('INSTREAM size limit exceeded. ERROR')).toThrow('clamd could not scan: INSTREAM size limit exceeded. ERROR');
  });
});
