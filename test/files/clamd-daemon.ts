import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '#test/free-port.ts';

/** The EICAR test file: harmless, and recognised by every virus scanner as if it were a virus. */
export const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
export const eicarSignature = 'Erkelenz.Test.EICAR.UNOFFICIAL';

export interface ClamdDaemon {
  tcp: { kind: 'tcp'; host: string; port: number };
  unix: { kind: 'unix'; path: string };
  /** CLAMD_URL for a platform that scans with this daemon. */
  url: string;
  /** clamd's own limit per stream, set low so a test can exceed it. */
  streamMaxBytes: number;
  stop(): Promise<void>;
}

/**
 * Debian's clamd with a signature database of one entry, EICAR, that the test writes itself: no signature
 * download, no freshclam, nothing of the system's clamd configuration. Listens on a free loopback port and
 * on a socket in its temporary directory.
 */
export async function startClamd(): Promise<ClamdDaemon> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-clamd-'));
  const port = await freePort();
  const socket = path.join(dir, 'clamd.sock');
  const streamMaxBytes = 1024 * 1024;
  // An extended signature (.ndb): name, any file type, anywhere in the content, the bytes in hex.
  await fs.writeFile(path.join(dir, 'erkelenz-test.ndb'), `Erkelenz.Test.EICAR:0:*:${Buffer.from(eicar).toString('hex')}\n`);
  const config = path.join(dir, 'clamd.conf');
  await fs.writeFile(
    config,
    [
      'Foreground yes',
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `LocalSocket ${socket}`,
      `StreamMaxLength ${streamMaxBytes}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      `LogFile ${path.join(dir, 'clamd.log')}`,
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/clamd', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPong(port, child, () => errors);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const log = await fs.readFile(path.join(dir, 'clamd.log'), 'utf8').catch(() => '');
    await fs.rm(dir, { recursive: true, force: true });
    throw new Error(`clamd did not start: ${String(error)}\n${errors}\n${log}`, { cause: error });
  }
  return {
    tcp: { kind: 'tcp', host: '127.0.0.1', port },
    unix: { kind: 'unix', path: socket },
    url: `tcp://127.0.0.1:${port}`,
    streamMaxBytes,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** clamd loads its database before it listens; PING answers PONG once it can scan. */
async function waitForPong(port: number, child: ChildProcess, errors: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`clamd exited with ${child.exitCode}: ${errors()}`);
    if ((await ping(port)) === 'PONG') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no PONG within 60 s');
}

function ping(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer.replace(/\0$/, '')));
    socket.on('error', () => resolve(''));
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('close', () => resolve(answer.replace(/\0$/, '')));
  });
}
