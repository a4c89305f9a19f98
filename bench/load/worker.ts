/*
 * The load generator's own process (started by `runLoad` in generator.ts): receives the workload over IPC,
 * runs autocannon and sends back one report. Never imported by the server.
 */
import autocannon from 'autocannon';
import type { Latency, LoadReport, LoadRequest, WorkerInput, WorkerOutput } from './generator.ts';

interface Samples {
  latencies: number[];
  non2xx: number;
  unanswered: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function latency(values: number[]): Latency {
  const sorted = values.sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? 0 };
}

/** The list turned so that it starts at `offset`: every connection walks all of it, from its own place. */
const rotate = <T>(list: readonly T[], offset: number) => [...list.slice(offset), ...list.slice(0, offset)];

async function run(input: WorkerInput): Promise<LoadReport> {
  const labelOf = (request: LoadRequest) => request.label ?? request.path;
  const samples = new Map<string, Samples>();
  for (const request of input.requests) samples.set(labelOf(request), { latencies: [], non2xx: 0, unanswered: 0 });
  const statusCodes: Record<string, number> = {};
  let bytes = 0;
  let connection = 0;

  const result = await autocannon({
    url: input.baseUrl,
    connections: input.connections,
    ...(input.amount ? { amount: input.amount } : { duration: input.durationSeconds ?? 10 }),
    timeout: input.timeoutSeconds ?? 10,
    setupClient(client) {
      // Connections start spread evenly over the list, so they do not all ask for the same page at once.
      const offset = Math.floor((connection++ * input.requests.length) / input.connections) % input.requests.length;
      // One request in flight per connection (no pipelining): the next response answers the last request
      // built, and a request built while the one before is still unanswered means that one was lost (socket
      // error, timeout, connection closed). autocannon itself counts only some of these, so they are counted here.
      let inFlight = '';
      let waiting = false;
      const sending = (label: string) => {
        if (waiting) samples.get(inFlight)!.unanswered += 1;
        inFlight = label;
        waiting = true;
      };
      client.setRequests(
        rotate(input.requests, offset).map((request) => ({
          method: 'GET' as const,
          path: request.path,
          headers: request.headers ?? {},
          setupRequest: (built) => {
            sending(labelOf(request));
            return built;
          },
        })),
      );
      client.on('response', (status: number, responseBytes: number, milliseconds: number) => {
        waiting = false;
        const figures = samples.get(inFlight)!;
        figures.latencies.push(milliseconds);
        if (status < 200 || status > 299) figures.non2xx += 1;
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        bytes += responseBytes;
      });
    },
  });

  const byLabel: LoadReport['byLabel'] = {};
  let all: number[] = [];
  let non2xx = 0;
  let errors = 0;
  for (const [label, figures] of samples) {
    all = all.concat(figures.latencies);
    non2xx += figures.non2xx;
    errors += figures.unanswered;
    byLabel[label] = { requests: figures.latencies.length, non2xx: figures.non2xx, errors: figures.unanswered, latencyMs: latency(figures.latencies) };
  }
  const seconds = result.duration;
  return { requests: all.length, seconds, perSecond: all.length / seconds, latencyMs: latency(all), errors, non2xx, bytes, statusCodes, byLabel };
}

process.once('message', (input: WorkerInput) => {
  run(input).then(
    (report) => send({ ok: true, report }),
    (error: unknown) => send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

function send(output: WorkerOutput) {
  process.send!(output, () => process.disconnect());
}
