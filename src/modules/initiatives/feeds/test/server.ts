import http from 'node:http';
import net from 'node:net';
import type { KernelContext } from '#kernel/context.ts';
import { initiativesDb } from '#modules/initiatives/repo.ts';

/** A local web server that answers each path with what the test set for it: a feed, a web page, an error. */
export interface FeedServer {
  url: string;
  port: number;
  set(path: string, answer: { status?: number; body: string; type?: string }): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const answers = new Map<string, { status?: number; body: string; type?: string }>();
  const server = http.createServer((request, response) => {
    const answer = answers.get(request.url ?? '');
    if (!answer) return response.writeHead(404, { 'content-type': 'text/plain' }).end('nicht gefunden');
    response.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'text/calendar; charset=utf-8' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    set: (path, answer) => answers.set(path, answer),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A feed of the initiative at the address. */
export async function buildFeed(ctx: Pick<KernelContext, 'db'>, initiativeId: string, url: string) {
  return initiativesDb(ctx.db).insertInto('initiative_feeds').values({ initiative_id: initiativeId, url }).returningAll().executeTakeFirstOrThrow();
}

/** An iCalendar file of the given VEVENT (and VTIMEZONE) blocks, with CRLF line ends. */
export function calendar(...blocks: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Repair Café Erkelenz//Kalender//DE', ...blocks, 'END:VCALENDAR', ''].join('\r\n');
}

export const berlinZone = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export function vevent(lines: string[]): string {
  return ['BEGIN:VEVENT', 'DTSTAMP:20270101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');
}
