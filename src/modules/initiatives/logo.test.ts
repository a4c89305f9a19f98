import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { moderator } from './permissions.ts';
import { initiativesDb } from './repo.ts';
import { maintainerBrowser } from './test/builders.ts';

/*
 * An initiative's logo and its place on the map, as the proposal and the maintenance form take them: the
 * logo through the file store, always with a description; coordinates typed or written by a click on the map.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => initiativesDb(platform.ctx.db);
const png = (colour: string) => sharp({ create: { width: 120, height: 60, channels: 3, background: colour } }).png().toBuffer();
const logoFile = async (colour = '#0b5394') => ({ logo: { name: 'logo.png', type: 'image/png', content: await png(colour) } });
const refsOf = (id: string) => platform.ctx.files.refsOf(platform.ctx.db, { module: 'initiatives', kind: 'logo', id });

function proposal(name: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name,
    summary: 'Wir gärtnern gemeinsam am Stadtrand.',
    providerKind: 'verein',
    domains: ['umwelt', 'gesellschaft'],
    districts: ['kueckhoven', 'erkelenz'],
    accessibility: ['stufenlos', 'rollstuhl-wc', 'hoeranlage'],
    languages: ['de', 'en', 'tr'],
    latitude: '51,0712',
    longitude: '6,3304',
    logoAlt: 'Logo des Gemeinschaftsgartens: ein grünes Blatt',
    proposerName: 'Gerda Garten',
    proposerEmail: 'gerda@example.org',
    consent: 'on',
    ...overrides,
  };
}

describe('the proposal’s logo and place', () => {
  it('takes a logo with its description and the coordinates picked on the map, all boxes ticked kept', async () => {
    const client = new FormClient(platform.app);
    const form = await client.get('/initiativen/vorschlagen');
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('type="file"');
    expect(form.body).toContain('data-pick-latitude="latitude"');
    expect(await htmlProblems('/initiativen/vorschlagen', form.body)).toEqual([]);
    const sent = await client.postMultipart('/initiativen/vorschlagen', proposal('Gemeinschaftsgarten Kückhoven'), await logoFile());
    expect(sent.status).toBe(303);
    const stored = await db().selectFrom('initiatives').selectAll().where('name', '=', 'Gemeinschaftsgarten Kückhoven').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ latitude: '51.071200', longitude: '6.330400', logo_alt: 'Logo des Gemeinschaftsgartens: ein grünes Blatt', languages: ['de', 'en', 'tr'] });
    expect(stored.accessibility).toEqual(['stufenlos', 'rollstuhl-wc', 'hoeranlage']);
    expect(stored.logo_file_id).toMatch(/^[0-9a-f]{64}$/);
    expect(await refsOf(stored.id)).toEqual([stored.logo_file_id]);

    // Not public before publication; the moderators see it.
    expect((await client.get(`/initiativen/${stored.slug}/logo`)).status).toBe(404);
    const staff = new FormClient(platform.app);
    await signInStaff(staff, await buildStaff(platform.ctx, [{ role: moderator }]));
    const detail = await staff.get(`/verwaltung/initiativen/${stored.id}`);
    expect(detail.body).toContain(`/verwaltung/initiativen/${stored.id}/logo`);
    expect(detail.body).toContain('Logo des Gemeinschaftsgartens: ein grünes Blatt');
    const staffLogo = await staff.get(`/verwaltung/initiativen/${stored.id}/logo`);
    expect(staffLogo.status).toBe(200);
    expect(staffLogo.headers['content-type']).toBe('image/png');
    expect((await new FormClient(platform.app).get(`/verwaltung/initiativen/${stored.id}/logo`)).status).not.toBe(200);

    // Published, the entry's page shows it with its description, and the list beside the name.
    await db().updateTable('initiatives').set({ status: 'published', published_at: new Date() }).where('id', '=', stored.id).execute();
    const page = await client.get(`/initiativen/${stored.slug}`);
    expect(page.body).toContain(`alt="Logo des Gemeinschaftsgartens: ein grünes Blatt"`);
    const logo = await client.get(`/initiativen/${stored.slug}/logo?v=${stored.logo_file_id!.slice(0, 16)}`);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
  });

  it('takes the street list’s place when none is picked', async () => {
    const client = new FormClient(platform.app);
    await client.get('/initiativen/vorschlagen');
    const sent = await client.postMultipart('/initiativen/vorschlagen', proposal('Ohne Karte', { latitude: '', longitude: '', logoAlt: '' }));
    expect(sent.status).toBe(303);
    expect(await db().selectFrom('initiatives').select(['latitude', 'logo_file_id']).where('name', '=', 'Ohne Karte').executeTakeFirstOrThrow()).toEqual({ latitude: null, logo_file_id: null });
  });

  it('says what is wrong with a logo or a place, in German, and stores nothing', async () => {
    const client = new FormClient(platform.app);
    await client.get('/initiativen/vorschlagen');
    const noDescription = await client.postMultipart('/initiativen/vorschlagen', proposal('Ohne Beschreibung', { logoAlt: '' }), await logoFile());
    expect(noDescription.status).toBe(422);
    expect(noDescription.body).toContain('Bitte beschreiben Sie das Logo in wenigen Worten');
    expect(noDescription.body).toContain('value="Ohne Beschreibung"');
    const notAnImage = await client.postMultipart('/initiativen/vorschlagen', proposal('Kein Bild'), { logo: { name: 'logo.png', type: 'image/png', content: Buffer.from('%PDF-1.7 kein Bild') } });
    expect(notAnImage.status).toBe(422);
    expect(notAnImage.body).toMatch(/PNG|JPEG|WebP/);
    const halfAPlace = await client.postMultipart('/initiativen/vorschlagen', proposal('Halber Ort', { longitude: '' }));
    expect(halfAPlace.status).toBe(422);
    expect(halfAPlace.body).toContain('Bitte geben Sie Breiten- und Längengrad zusammen an');
    const offEarth = await client.postMultipart('/initiativen/vorschlagen', proposal('Nicht auf der Erde', { latitude: '151,2' }));
    expect(offEarth.status).toBe(422);
    expect(offEarth.body).toContain('außerhalb der Erde');
    const names = await db().selectFrom('initiatives').select('name').where('name', 'in', ['Ohne Beschreibung', 'Kein Bild', 'Halber Ort', 'Nicht auf der Erde']).execute();
    expect(names).toEqual([]);
  });
});

describe('the maintainer’s logo', () => {
  it('adds, replaces and removes the logo, live at once, the file store letting go of the old one', async () => {
    const { initiative, client, base } = await maintainerBrowser(platform, 'logo-pflege@example.org', { name: 'Lauftreff Hetzerath' });
    const page = await client.get(base);
    expect(page.body).toContain('enctype="multipart/form-data"');
    // Nothing to remove yet.
    expect(page.body).not.toContain('name="removeLogo"');
    expect(page.body).toContain('data-pick-latitude="latitude"');
    expect(await htmlProblems(base, page.body)).toEqual([]);
    const fields = { name: 'Lauftreff Hetzerath', summary: initiative.summary, providerKind: initiative.provider_kind, domains: [...initiative.domains], latitude: '51,08', longitude: '6,31' };

    const noDescription = await client.postMultipart(base, fields, await logoFile());
    expect(noDescription.status).toBe(422);
    expect(noDescription.body).toContain('Bitte beschreiben Sie das Logo');

    await client.get(base);
    expect((await client.postMultipart(base, { ...fields, logoAlt: 'Laufschuh in Blau' }, await logoFile())).status).toBe(303);
    const first = await db().selectFrom('initiatives').select(['logo_file_id', 'logo_alt', 'latitude']).where('id', '=', initiative.id).executeTakeFirstOrThrow();
    expect(first).toMatchObject({ logo_alt: 'Laufschuh in Blau', latitude: '51.080000' });
    const shown = await client.get(base);
    expect(shown.body).toContain('name="removeLogo"');
    expect(shown.body).toContain('alt="Laufschuh in Blau"');
    expect((await client.get(`/initiativen/${initiative.slug}`)).body).toContain('alt="Laufschuh in Blau"');

    // Saving without a new file keeps the logo; a new file replaces it.
    await client.get(base);
    expect((await client.postMultipart(base, { ...fields, logoAlt: 'Laufschuh' })).status).toBe(303);
    expect((await db().selectFrom('initiatives').select('logo_file_id').where('id', '=', initiative.id).executeTakeFirstOrThrow()).logo_file_id).toBe(first.logo_file_id);
    await client.get(base);
    expect((await client.postMultipart(base, { ...fields, logoAlt: 'Laufschuh in Rot' }, await logoFile('#b3001b'))).status).toBe(303);
    const second = await db().selectFrom('initiatives').select('logo_file_id').where('id', '=', initiative.id).executeTakeFirstOrThrow();
    expect(second.logo_file_id).not.toBe(first.logo_file_id);
    expect(await refsOf(initiative.id)).toEqual([second.logo_file_id]);

    await client.get(base);
    expect((await client.postMultipart(base, { ...fields, logoAlt: 'Laufschuh in Rot', removeLogo: 'on' })).status).toBe(303);
    expect(await db().selectFrom('initiatives').select(['logo_file_id', 'logo_alt']).where('id', '=', initiative.id).executeTakeFirstOrThrow()).toEqual({ logo_file_id: null, logo_alt: null });
    expect(await refsOf(initiative.id)).toEqual([]);
    expect((await client.get(`/initiativen/${initiative.slug}/logo`)).status).toBe(404);
  });
});
