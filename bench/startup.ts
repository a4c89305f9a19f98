import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '#test/free-port.ts';

/*
 * How long `npm start` takes until it serves the home page, the way a person meets it: on a new data
 * directory (a fresh clone's first start: copy of the prepared cluster, migrations, demo data) and again on
 * the same directory (a restart), which is the baseline the first start is read against. The goal for the
 * first start is under 5 s on the embedded default.
 */

const root = path.resolve(import.meta.dirname, '..');
const goalSeconds = 5;

/** Seconds from `npm start` to the first 200 of the home page; stops the server afterwards. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  // A process group of its own, so stopping it reaches the server behind npm.
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start ended with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      if (performance.now() - started > 60_000) throw new Error('npm start served no home page within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchStartup(runs = 3): Promise<void> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-bench-start-'));
  try {
    const first: number[] = [];
    const restart: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const dataDir = path.join(scratch, `run-${run}`);
      first.push(await timeStart(dataDir));
      restart.push(await timeStart(dataDir));
    }
    const seconds = (values: number[]) => `${median(values).toFixed(2)} s   (${values.map((value) => value.toFixed(2)).join(', ')})`;
    console.log(`Start-up: npm start until the home page answers, PGlite with demo data, median of ${runs}`);
    console.log(`  first start, new data directory   ${seconds(first)}`);
    console.log(`  restart, same data directory      ${seconds(restart)}`);
    console.log(`  ratio first / restart             ${(median(first) / median(restart)).toFixed(2)}`);
    console.log(`  goal: first start under ${goalSeconds} s       ${median(first) < goalSeconds ? 'met' : 'NOT met'}\n`);
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
