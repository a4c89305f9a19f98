import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One request of the workload; requests with the same label are reported together. */
export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
  /** Defaults to the path. */
  label?: string;
}

export interface LoadOptions {
  baseUrl: string;
  requests: readonly LoadRequest[];
  connections: number;
  /** Seconds to run; ignored when `amount` is given. */
  durationSeconds?: number;
  /** Number of responses to wait for instead of a duration. */
  amount?: number;
  /** Seconds a request may take before it counts as an error (timeout). */
  timeoutSeconds?: number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LabelFigures {
  requests: number;
  non2xx: number;
  errors: number;
  latencyMs: Latency;
}

export interface LoadReport {
  /** Responses received, whatever their status. */
  requests: number;
  seconds: number;
  perSecond: number;
  latencyMs: Latency;
  /** Requests that got no answer: socket errors, timeouts, connections closed before the response. */
  errors: number;
  non2xx: number;
  bytes: number;
  statusCodes: Record<string, number>;
  byLabel: Record<string, LabelFigures>;
}

/** What the parent hands the worker: plain data, as it crosses a process boundary. */
export type WorkerInput = LoadOptions;
export type WorkerOutput = { ok: true; report: LoadReport } | { ok: false; error: string };

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Runs autocannon against `baseUrl` in a child process of its own, so that the load generator never
 * competes with the measured server for one event loop (the server may run in the calling process, as in
 * the benchmark), and resolves with what the child measured. Every connection walks the whole list of
 * requests, each starting at a different place in it, so every path is asked for about equally often and
 * the connections do not ask for the same path at the same moment.
 */
export function runLoad(options: LoadOptions): Promise<LoadReport> {
  if (options.requests.length === 0) return Promise.reject(new Error('runLoad needs at least one request'));
  if (options.connections < 1) return Promise.reject(new Error('runLoad needs at least one connection'));
  return new Promise((resolve, reject) => {
    const child = fork(workerPath, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    let answer: WorkerOutput | undefined;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('message', (message: WorkerOutput) => (answer = message));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (answer?.ok) resolve(answer.report);
      else if (answer) reject(new Error(`load generator failed: ${answer.error}`));
      else reject(new Error(`load generator ended (${signal ?? `exit code ${code}`}) without a report${stderr ? `:\n${stderr}` : ''}`));
    });
    child.send(options satisfies WorkerInput);
  });
}
