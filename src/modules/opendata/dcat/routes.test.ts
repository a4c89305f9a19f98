import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { opendataDb } from '../repo.ts';
import { createDataset, setDatasetState, type DatasetInput } from '../service.datasets.ts';
import { ns } from './vocabularies.ts';

const publicUrl = 'https://daten.example.org';
const actor = systemActor('test');

let platform: TestPlatform;

const input = (name: string): DatasetInput => ({
  name,
  organization: 'vermessung',
  title: `Datensatz ${name}`,
  description: 'Zum Testen des Katalogs.',
  keywords: ['Test'],
  themes: ['GOVE'],
  licence: 'dl-zero-de/2.0',
  contactEmail: 'vermessung@erkelenz.example',
  spatial: ['05370004'],
  frequency: 'ANNUAL',
});

beforeAll(async () => {
  platform = await createTestPlatform({ PUBLIC_URL: publicUrl });
  await opendataDb(platform.ctx.db).insertInto('opendata_organizations').values({ name: 'vermessung', title: 'Amt für Vermessung' }).execute();
  for (const [name, state] of [['ladestationen', 'active'], ['entwurf', 'draft'], ['geloescht', 'active']] as const) {
    const created = await createDataset(platform.ctx, actor, input(name), { state });
    expect(created.ok).toBe(true);
  }
  await setDatasetState(platform.ctx, actor, 'geloescht', 'deleted');
});
afterAll(async () => platform?.close());

const get = (url: string) => platform.app.inject({ method: 'GET', url });
const subjects = (turtle: string) => new Set(new Parser().parse(turtle).map((one) => one.subject.value));

describe('DCAT-AP.de routes', () => {
  it('serve the catalogue in Turtle with published datasets only and their paging', async () => {
    const response = await get('/catalog.ttl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/turtle; charset=utf-8');
    const quads = new Parser().parse(response.body);
    const datasets = quads.filter((one) => one.predicate.value === `${ns.dcat}dataset`).map((one) => one.object.value);
    expect(datasets).toEqual([`${publicUrl}/daten/ladestationen`]);
    expect(quads.find((one) => one.predicate.value === `${ns.hydra}totalItems`)?.object.value).toBe('1');
  });

  it('serve RDF/XML and JSON-LD with their media types', async () => {
    const xml = await get('/catalog.rdf');
    expect(xml.headers['content-type']).toBe('application/rdf+xml; charset=utf-8');
    expect(xml.body).toContain(`<rdf:Description rdf:about="${publicUrl}/daten/ladestationen">`);
    const json = await get('/catalog.jsonld');
    expect(json.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    expect(JSON.stringify(JSON.parse(json.body))).toContain('dcat:Catalog');
  });

  it('filter by modified_since and refuse what is not a point in time', async () => {
    const future = await get('/catalog.ttl?modified_since=2999-01-01');
    expect(subjects(future.body).has(`${publicUrl}/daten/ladestationen`)).toBe(false);
    expect(future.body).toContain('modified_since=2999-01-01T00%3A00%3A00.000Z');
    expect((await get('/catalog.ttl?modified_since=gestern')).statusCode).toBe(400);
    expect((await get('/catalog.ttl?page=0')).statusCode).toBe(400);
    expect((await get('/catalog.ttl?page=7')).statusCode).toBe(404);
  });

  it('serve a published dataset’s record and nothing for drafts or deleted datasets', async () => {
    const record = await get('/daten/ladestationen/dcat.ttl');
    expect(record.statusCode).toBe(200);
    expect(subjects(record.body).has(`${publicUrl}/daten/ladestationen`)).toBe(true);
    expect((await get('/daten/entwurf/dcat.ttl')).statusCode).toBe(404);
    expect((await get('/daten/geloescht/dcat.jsonld')).statusCode).toBe(404);
    expect((await get('/daten/unbekannt/dcat.rdf')).statusCode).toBe(404);
  });
});
