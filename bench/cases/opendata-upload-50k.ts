import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { dataPublisher } from '#modules/opendata/permissions.ts';
import { opendataDb } from '#modules/opendata/repo.ts';
import { createDataset } from '#modules/opendata/service.datasets.ts';
import { addResource } from '#modules/opendata/service.resources.ts';
import type { BenchCase, BenchTarget, Rate } from '../case.ts';

/*
 * A publisher's messy German CSV of 50,000 rows, from the moment the upload form is sent to the moment the
 * version's page says it is loaded (checked, typed, in the DataStore, queryable): over HTTP as a browser
 * without JavaScript sends it (multipart, the session cookie, the CSRF token and the form's key), then asking
 * the version's progress address as the page's island does. Goal: within 60 s. Baseline in the same run:
 * the POST of the file alone (received, stored, recorded as a version), so the ratio tells what the check
 * and load add to the upload itself. The job is run by draining its queue in this process as soon as the
 * POST is answered; a server's worker would pick it up within its polling interval (2 s) as well.
 */

const rows = Number(process.env.BENCH_UPLOAD_ROWS ?? 50_000);
const rounds = Number(process.env.BENCH_UPLOAD_ROUNDS ?? 2);
const goalSeconds = 60;

const species = ['Stieleiche', 'Winterlinde', 'Rotbuche', 'Hängebirke', 'Spitzahorn', 'Platane', 'Eberesche', 'Roßkastanie'];
const districts = ['Erkelenz', 'Gerderath', 'Schwanenberg', 'Golkrath', 'Granterath', 'Lövenich', 'Kückhoven', 'Holzweiler'];
const notes = ['', '"Allee; geschützt"', 'Straßenbaum', 'Grünfläche', 'Schulhof'];
const comma = (value: number, digits: number) => value.toFixed(digits).replace('.', ',');
const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * What Excel on a German Windows writes for a tree register: Windows-1252 (umlauts, ß), semicolons, decimal
 * commas, dd.mm.yyyy, CRLF, a quoted cell holding a semicolon, empty cells and a blank line at the end. The
 * dates run out of order, as a register's rows do. Row n (from 0) is tree 900001 + n. The browser test of
 * the publisher uploads the same file.
 */
export function treeRegister(count: number): Buffer {
  const lines = ['Baum-Nr;Art;Pflanzdatum;Stammumfang in m;Höhe in m;Kronenfläche in m²;Stadtteil;Bemerkung'];
  for (let n = 0; n < count; n++) {
    const planted = `${twoDigits(((n * 7) % 28) + 1)}.${twoDigits(((n * 5) % 12) + 1)}.${1950 + ((n * 13) % 70)}`;
    lines.push(
      [900_001 + n, species[n % species.length], planted, comma(((n * 37) % 400) / 100 + 0.2, 2), comma(((n * 11) % 300) / 10 + 3, 1), comma(((n * 97) % 5000) + 12.5, 1), districts[n % districts.length], notes[n % notes.length]].join(';'),
    );
  }
  // Every character above is in Latin-1, where Windows-1252 and Latin-1 agree.
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** A browser without JavaScript, over real HTTP: it keeps its cookies and reads the CSRF token of the last page. */
class Browser {
  readonly #cookies = new Map<string, string>();
  #lastPage = '';

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<Response> {
    const response = await this.#send(path, { method: 'GET' });
    if (response.headers.get('content-type')?.startsWith('text/html')) this.#lastPage = await response.clone().text();
    return response;
  }

  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.#send(path, { method: 'POST', body: new URLSearchParams({ _csrf: this.hidden('_csrf'), ...fields }) });
  }

  postMultipart(path: string, body: FormData): Promise<Response> {
    return this.#send(path, { method: 'POST', body });
  }

  /** A hidden field of the last page (`_csrf`, `_formKey`). */
  hidden(name: string): string {
    const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(this.#lastPage)?.[1];
    if (!value) throw new Error(`The page has no field ${name}`);
    return value;
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, redirect: 'manual', headers: { cookie } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return response;
  }
}

async function signedInPublisher(target: BenchTarget, organizationId: string): Promise<Browser> {
  const staff = await buildStaff(target.platform.ctx, [{ role: dataPublisher, scopeKind: 'data-organization', scopeId: organizationId }]);
  const browser = new Browser(target.baseUrl);
  await browser.get('/anmelden');
  await browser.postForm('/anmelden', { email: staff.user.email!, password: staff.password });
  await browser.get('/anmelden/zweiter-faktor');
  const done = await browser.postForm('/anmelden/zweiter-faktor', { code: await staff.code() });
  if (done.headers.get('location') !== '/verwaltung') throw new Error(`The publisher was not signed in: ${done.status}`);
  return browser;
}

/** A dataset with one CSV resource, its publisher's address for it. */
async function prepareResource(target: BenchTarget): Promise<{ browser: Browser; resourcePath: string }> {
  const { ctx } = target.platform;
  const system = systemActor('bench');
  const organization = await opendataDb(ctx.db).insertInto('opendata_organizations').values({ name: 'bench-gruenflaechen', title: 'Grünflächenamt' }).returning('id').executeTakeFirstOrThrow();
  const created = await createDataset(ctx, system, {
    name: 'bench-baumkataster',
    organization: 'bench-gruenflaechen',
    title: 'Baumkataster',
    description: 'Die Bäume der Stadt.',
    keywords: ['Bäume'],
    themes: ['ENVI'],
    licence: 'dl-zero-de/2.0',
    contactEmail: 'gruen@erkelenz.example',
    spatial: ['05370004'],
    frequency: 'ANNUAL',
  });
  if (!created.ok) throw new Error(`The benchmark's dataset was refused: ${JSON.stringify(created)}`);
  const resource = await addResource(ctx, system, 'bench-baumkataster', { title: 'Baumkataster (CSV)', format: 'CSV' });
  if (!resource.ok) throw new Error(`The benchmark's resource was refused: ${JSON.stringify(resource)}`);
  return { browser: await signedInPublisher(target, organization.id), resourcePath: `/verwaltung/daten/bench-baumkataster/ressourcen/${resource.id}` };
}

/** Sends the upload form with the file; returns the version page the answer redirects to. */
async function postFile(browser: Browser, resourcePath: string, file: Buffer): Promise<string> {
  const body = new FormData();
  body.append('_csrf', browser.hidden('_csrf'));
  body.append('_formKey', browser.hidden('_formKey'));
  body.append('note', '');
  body.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'baumkataster.csv');
  const response = await browser.postMultipart(`${resourcePath}/versionen`, body);
  const location = response.headers.get('location');
  if (response.status !== 303 || !location) throw new Error(`The upload was answered with ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return location;
}

interface Progress {
  status: string;
  rowCount: number | null;
  finished: boolean;
}

/** Asks the version's progress address, as its page does, until the version is finished. */
async function untilFinished(browser: Browser, versionPath: string): Promise<Progress> {
  for (;;) {
    const response = await browser.get(`${versionPath}/stand`);
    if (response.status !== 200) throw new Error(`The progress address answered ${response.status}`);
    const progress = (await response.json()) as Progress;
    if (progress.finished) return progress;
    await sleep(250);
  }
}

interface Round {
  postSeconds: number;
  totalSeconds: number;
}

async function uploadRound(target: BenchTarget, browser: Browser, resourcePath: string, file: Buffer, expectedRows: number): Promise<Round> {
  const { ctx } = target.platform;
  await browser.get(resourcePath);
  const start = performance.now();
  const versionPath = await postFile(browser, resourcePath, file);
  const posted = performance.now();
  const [progress] = await Promise.all([untilFinished(browser, versionPath), ctx.jobs.drain(ctx, ['opendata.process-version'])]);
  const finished = performance.now();
  if (progress.status !== 'loaded' || progress.rowCount !== expectedRows) throw new Error(`The version ended ${progress.status} with ${progress.rowCount} rows, not loaded with ${expectedRows}`);
  const answer = await browser.get(versionPath);
  if (!(await answer.text()).includes('Geladen')) throw new Error('The version page does not say the file is loaded');
  return { postSeconds: (posted - start) / 1000, totalSeconds: (finished - start) / 1000 };
}

const rate = (seconds: number): Rate => ({ operations: rows, seconds, perSecond: rows / seconds });

export const opendataUpload50kCase: BenchCase = {
  name: 'opendata upload 50k CSV to loaded table vs POST alone',
  async run(target) {
    const { browser, resourcePath } = await prepareResource(target);
    // Warm-up: the first check loads the parsers and the first COPY the DataStore's code paths.
    await uploadRound(target, browser, resourcePath, treeRegister(100), 100);
    const file = treeRegister(rows);
    const measured: Round[] = [];
    for (let round = 0; round < rounds; round++) measured.push(await uploadRound(target, browser, resourcePath, file, rows));
    const mean = (pick: (round: Round) => number) => measured.reduce((sum, round) => sum + pick(round), 0) / measured.length;
    const total = mean((round) => round.totalSeconds);
    const post = mean((round) => round.postSeconds);
    const megabytes = (file.length / 1_000_000).toFixed(1);
    console.log(
      `${target.database}: ${rows.toLocaleString('en-US')} rows (${megabytes} MB) from upload to loaded table in ${total.toFixed(1)} s (goal ≤ ${goalSeconds} s: ${total <= goalSeconds ? 'met' : 'missed'}); ` +
        `POST alone ${post.toFixed(2)} s; total ÷ POST = ${(total / post).toFixed(1)}; rounds: ${measured.map((round) => `${round.totalSeconds.toFixed(1)} s`).join(', ')}`,
    );
    return {
      measured: { label: `upload to loaded table, ${total.toFixed(1)} s (goal ≤ ${goalSeconds} s), rows/s`, rate: rate(total) },
      baseline: { label: `POST of the ${megabytes} MB file alone, ${post.toFixed(2)} s, rows/s`, rate: rate(post) },
    };
  },
};
