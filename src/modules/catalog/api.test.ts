import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { seedCatalog } from './seed/index.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
  await seedCatalog(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

const get = async <T>(url: string) => {
  const response = await platform.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
};

interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
}

describe('JSON API of the catalogue', () => {
  it('lists published services A–Z in pages', async () => {
    const first = await get<Page<{ slug: string; title: string; url: string; leikaKey: string | null }>>('/api/v1/services?perPage=5');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, perPage: 5, total: 73 });
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0]).toMatchObject({ slug: 'abbruch-anzeigen', url: 'http://localhost:3000/leistungen/abbruch-anzeigen', leikaKey: null });
    const second = await get<Page<{ slug: string }>>('/api/v1/services?perPage=5&page=2');
    expect(second.body.items.map((item) => item.slug)).not.toContain(first.body.items[0]!.slug);
    const last = await get<Page<{ slug: string }>>('/api/v1/services?perPage=100&page=1');
    expect(last.body.items.at(-1)!.slug).toBe('erhaltene-doerfer'); // "Zukunft der erhaltenen Dörfer …"
  });

  it('filters by life situation and office, and an unknown filter finds nothing', async () => {
    const dogs = await get<Page<{ slug: string }>>('/api/v1/services?lifeSituation=hund');
    expect(dogs.body.items.map((item) => item.slug)).toEqual(['grossen-hund-anzeigen', 'hund-abmelden', 'hund-anmelden']);
    const registry = await get<Page<{ slug: string }>>('/api/v1/services?office=standesamt&perPage=100');
    expect(registry.body.total).toBe(8);
    expect((await get<Page<unknown>>('/api/v1/services?office=gibt-es-nicht')).body).toEqual({ items: [], page: 1, perPage: 20, total: 0 });
  });

  it('refuses bad paging with problem details naming the parameter', async () => {
    const response = await get<Record<string, unknown>>('/api/v1/services?perPage=500');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'http://localhost:3000/api/problems/validation',
      title: 'Die Anfrage konnte nicht verarbeitet werden',
      status: 400,
      detail: '„perPage“ darf höchstens 100 sein.',
      instance: '/api/v1/services',
      errors: [{ detail: '„perPage“ darf höchstens 100 sein.', parameter: 'perPage' }],
    });
    const english = await get<{ detail: string }>('/api/v1/services?perPage=500&lang=en');
    expect(english.body.detail).toBe('“perPage” must be at most 100.');
  });

  it('returns a service with every section and route, and nothing internal', async () => {
    const { status, body } = await get<Record<string, unknown>>('/api/v1/services/personalausweis-beantragen');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      slug: 'personalausweis-beantragen',
      leikaKey: '99008001012000',
      fees: [
        { label: 'Personalausweis ab 24 Jahren', amountCents: 4600 },
        { label: 'Personalausweis unter 24 Jahren', amountCents: 2760 },
      ],
      office: { slug: 'buergerbuero', title: 'Bürgerbüro', url: 'http://localhost:3000/dienststellen/buergerbuero' },
      lifeSituations: expect.arrayContaining([expect.objectContaining({ slug: 'ausweise-dokumente' })]),
    });
    expect((body.channels as { kind: string }[]).map((channel) => channel.kind)).toEqual(['appointment', 'email', 'phone', 'inPerson']);
    for (const internal of ['officeId', 'lifeSituationIds', 'draft', 'revision', 'demo']) expect(body).not.toHaveProperty(internal);
  });

  it('answers an unknown service with problem details and a 404', async () => {
    const response = await get<Record<string, unknown>>('/api/v1/services/gibt-es-nicht');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Seite nicht gefunden',
      status: 404,
      detail: 'Zu dieser Adresse gibt es keinen veröffentlichten Eintrag.',
      instance: '/api/v1/services/gibt-es-nicht',
    });
  });

  it('returns offices with their opening status and hours, and life situations with their services', async () => {
    const offices = await get<Page<{ slug: string; status: { open: boolean; opensAt: string | null; closesAt: string | null } }>>('/api/v1/offices');
    expect(offices.body.total).toBe(14);
    for (const office of offices.body.items) expect(office.status.open ? office.status.closesAt : office.status.opensAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    const buergerbuero = await get<{ hours: { day: number; opens: string }[]; closedOnHolidays: boolean; accessibility: Record<string, unknown>; services: { slug: string }[] }>('/api/v1/offices/buergerbuero');
    expect(buergerbuero.body.hours.map((period) => `${period.day} ${period.opens}`)).toEqual(['1 07:30', '1 13:30', '2 07:30', '2 13:30', '3 07:30', '3 13:30', '4 07:30', '4 13:30', '5 07:30']);
    expect(buergerbuero.body.closedOnHolidays).toBe(true);
    expect(buergerbuero.body.accessibility).toMatchObject({ stepFree: true, disabledParking: null });
    expect(buergerbuero.body.services.map((service) => service.slug)).toContain('wohnsitz-anmelden');
    const situation = await get<{ tips: string[]; services: { slug: string }[] }>('/api/v1/life-situations/umzug');
    expect(situation.body.services.map((service) => service.slug)).toContain('wohnsitz-anmelden');
    expect((await get<Page<unknown>>('/api/v1/life-situations')).body.total).toBe(13);
  });

  it('describes itself as OpenAPI 3.1, with response schemas, and hides the pages', async () => {
    const { status, body } = await get<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/services', '/api/v1/services/{slug}', '/api/v1/offices', '/api/v1/offices/{slug}', '/api/v1/life-situations', '/api/v1/catalog/export', '/api/v1/catalog/import', '/api/v1/search/suggestions']) {
      expect(body.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(body.paths['/api/v1/services/{slug}']!.get!.responses)).toEqual(['200', '400', '404']);
    const notFound = body.paths['/api/v1/services/{slug}']!.get!.responses['404'] as { content: Record<string, { schema: { title: string } }> };
    expect(Object.keys(notFound.content)).toEqual(['application/problem+json']);
    expect(notFound.content['application/problem+json']!.schema.title).toBe('Problem');
    expect(Object.keys(body.paths).some((path) => !path.startsWith('/api/'))).toBe(false);
  });
});
