import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { defineModule, type SearchDocument } from '#kernel/module.ts';
import { putSearchDocuments, removeSearchDocuments } from '#kernel/search/index.ts';
import { searchEverywhere } from '#modules/site/index.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { catalogDb, findBySlug, updateEntry } from './repo.ts';
import { seedCatalog } from './seed/index.ts';
import { publishEntry, unpublishEntry } from './service.publishing.ts';
import { buildOffice, buildService } from './test/builders.ts';

/*
 * Search quality over the demo catalogue, plus a second module's documents ("news") searched through the
 * same contract, as the open-data or initiatives modules will add theirs.
 */

let platform: TestPlatform;
let ctx: KernelContext;

const news = (id: string, title: string, summary: string): SearchDocument => ({ type: 'news', id, language: 'de', url: `/aktuelles/${id}`, title, summary, body: '' });
const newsModule = defineModule({
  id: 'news',
  search: {
    version: 1,
    types: [{ type: 'news', label: 'catalog:kinds.office', weight: 1 }],
    documents: async () => [
      news('hundesteuer-2027', 'Hundesteuer: neue Sätze ab 2027', 'Der Rat hat die Hundesteuer für das kommende Jahr beschlossen.'),
      news('stadtfest', 'Stadtfest am Johannismarkt', 'Musik, Essen und Vereine in der Innenstadt.'),
    ],
  },
});

beforeAll(async () => {
  platform = await createTestPlatform({}, [newsModule]);
  await seedCatalog(platform.ctx);
  ctx = platform.ctx;
});
afterAll(async () => {
  await platform.close();
});

const titles = async (query: string, filters = {}) => (await searchEverywhere(ctx, query, 'de', { filters })).hits.map((hit) => hit.title);

describe('search quality', () => {
  it('stems German words: "Hunde" finds the dog tax', async () => {
    const found = await titles('Hunde');
    expect(found[0]).toBe('Hund anmelden (Hundesteuer)');
    expect(found).toContain('Hund abmelden');
    expect(found).toContain('Großen Hund anzeigen (Landeshundegesetz)');
  });

  it('forgives typos and offers the right spelling', async () => {
    const results = await searchEverywhere(ctx, 'Persnalausweis', 'de');
    expect(results.hits[0]?.title).toBe('Personalausweis beantragen');
    expect(results.didYouMean).toBe('Personalausweis');
  });

  it('knows synonyms: "Perso" is the identity card, "Ummeldung" is registering a new address', async () => {
    const perso = await searchEverywhere(ctx, 'Perso', 'de');
    expect(perso.hits[0]?.title).toBe('Personalausweis beantragen');
    expect(perso.didYouMean).toBeNull();
    expect((await titles('Ummeldung'))[0]).toBe('Wohnsitz anmelden');
    expect((await titles('Anwohnerparken'))[0]).toBe('Bewohnerparkausweis beantragen');
  });

  it('puts the service before a news item about the same thing', async () => {
    const found = await searchEverywhere(ctx, 'Hundesteuer', 'de');
    expect(found.hits[0]).toMatchObject({ type: 'service', title: 'Hund anmelden (Hundesteuer)' });
    const news = found.hits.findIndex((hit) => hit.type === 'news');
    expect(news).toBeGreaterThan(0);
    expect(found.hits.slice(0, news).every((hit) => hit.type === 'service')).toBe(true);
  });

  it('counts facets and filters by type, life situation and office', async () => {
    const all = await searchEverywhere(ctx, 'Hund', 'de');
    const types = all.facets.find((facet) => facet.name === 'typ')!;
    expect(types.values.map((value) => value.value)).toEqual(['service', 'situation', 'office', 'news']);
    const situations = all.facets.find((facet) => facet.name === 'lebenslage')!;
    expect(situations.values[0]).toMatchObject({ value: 'hund', label: 'Einen Hund halten' });

    const onlyServices = await searchEverywhere(ctx, 'Hund', 'de', { filters: { typ: ['service'] } });
    expect(onlyServices.hits.every((hit) => hit.type === 'service')).toBe(true);
    // A chosen kind still shows how many of the other kinds there are.
    expect(onlyServices.facets.find((facet) => facet.name === 'typ')!.values.map((value) => value.count)).toEqual(types.values.map((value) => value.count));

    const taxOffice = await titles('Hund', { dienststelle: ['steueramt'] });
    // The office itself is tagged with its own office, so its page is found beside its services.
    expect(taxOffice.sort()).toEqual(['Hund abmelden', 'Hund anmelden (Hundesteuer)', 'Steuern und Abgaben']);
    expect(await titles('Hund', { lebenslage: ['todesfall'] })).toEqual(['Hund abmelden', 'Todesfall']);
  });

  it('marks the matched words in snippets and keeps markup in texts as text', async () => {
    await buildService(platform.ctx, { title: 'Sondermarke', description: 'Die <img src=x onerror=alert(1)> Sondermarke für Briefmarkenfreunde.', summary: 'Eine Sondermarke.' });
    const [hit] = (await searchEverywhere(ctx, 'Sondermarke', 'de')).hits;
    expect(hit?.snippet?.filter((piece) => piece.match).map((piece) => piece.text)).toContain('Sondermarke');
    const page = await new FormClient(platform.app).get('/suche?q=Sondermarke');
    expect(page.body).toContain('<mark>Sondermarke</mark>');
    expect(page.body).not.toContain('<img src=x');
  });

  it('answers queries of stop words or symbols only with no hits, not an error', async () => {
    for (const query of ['der die das', '& | ! :* (', '\u0002']) expect((await searchEverywhere(ctx, query, 'de')).total, query).toBe(0);
  });

  it('says "more than" when more documents match than the search ranks', async () => {
    const flood = defineModule({ id: 'flood', search: { version: 1, types: [{ type: 'flood', label: 'catalog:kinds.office', weight: 1 }], documents: async () => [] } });
    const docs = Array.from({ length: 520 }, (_, index): SearchDocument => ({ type: 'flood', id: String(index), language: 'de', url: `/flut/${index}`, title: `Treffer ${index}`, summary: '', body: 'Ein Hund.' }));
    await putSearchDocuments(ctx.db, flood, docs);
    try {
      const results = await searchEverywhere({ ...ctx, modules: [...ctx.modules, flood] }, 'Hund', 'de');
      expect(results.totalIsAtLeast).toBe(true);
      expect(results.total).toBeGreaterThanOrEqual(500);
      // The services still come first: the type's weight counts in choosing which documents are ranked.
      expect(results.hits[0]).toMatchObject({ type: 'service' });
    } finally {
      await removeSearchDocuments(ctx.db, flood, docs.map((doc) => doc.id));
    }
    expect((await searchEverywhere(ctx, 'Hund', 'de')).totalIsAtLeast).toBe(false);
  });

  it('pages through many hits', async () => {
    const first = await searchEverywhere(ctx, 'beantragen', 'de', { perPage: 5 });
    const second = await searchEverywhere(ctx, 'beantragen', 'de', { perPage: 5, page: 2 });
    expect(first.total).toBeGreaterThan(10);
    expect(first.pages).toBe(Math.ceil(first.total / 5));
    expect(second.hits.map((hit) => hit.id)).not.toEqual(expect.arrayContaining(first.hits.map((hit) => hit.id)));
  });
});

/*
 * What people search for most, with what they must find first. These results are the baseline: a change to
 * how the catalogue searches (speed, ranking) must keep them.
 */
const everydayNeeds: [query: string, first: string][] = [
  ['Personalausweis', 'Personalausweis beantragen'],
  ['Perso', 'Personalausweis beantragen'],
  ['Reisepass', 'Reisepass beantragen'],
  ['Reisepass verloren', 'Verlust von Personalausweis oder Reisepass melden'],
  ['Ausweis verloren', 'Verlust von Personalausweis oder Reisepass melden'],
  ['Ummeldung', 'Wohnsitz anmelden'],
  ['Abfallkalender', 'Abfallbehälter anmelden oder ändern'],
  ['Müllkalender', 'Abfallbehälter anmelden oder ändern'],
  ['gelbe Tonne', 'Abfallbehälter anmelden oder ändern'],
  ['Sperrmüll', 'Sperrmüll anmelden'],
  ['Hundesteuer', 'Hund anmelden (Hundesteuer)'],
  ['Kfz', 'Fahrzeug außer Betrieb setzen'],
  ['Auto anmelden', 'Fahrzeug zulassen oder umschreiben'],
  ['Hochzeit', 'Eheschließung anmelden'],
  ['Bauantrag', 'Baugenehmigung beantragen'],
  ['Wohngeld', 'Wohngeld beantragen (Mietzuschuss)'],
  ['Kita', 'Elternbeitrag für Kita und Tagespflege: Einkommen erklären'],
  ['Führungszeugnis', 'Führungszeugnis beantragen'],
  ['Briefwahl', 'Briefwahl beantragen'],
];

/** Everyday English, as the English search hint suggests it, for the German services. */
const englishNeeds: [query: string, first: string][] = [
  ['ID card', 'Personalausweis beantragen'],
  ['register a dog', 'Hund anmelden (Hundesteuer)'],
  ['moving house', 'Wohnsitz anmelden'],
  ['passport', 'Reisepass beantragen'],
  ['lost passport', 'Verlust von Personalausweis oder Reisepass melden'],
  ['birth certificate', 'Geburtsurkunde beantragen'],
  ['marriage certificate', 'Eheurkunde beantragen'],
  ['wedding', 'Eheschließung anmelden'],
  ['death certificate', 'Sterbeurkunde beantragen'],
  ['driving licence', 'Führerschein beantragen oder umtauschen'],
  ['register my car', 'Fahrzeug zulassen oder umschreiben'],
  ['bulky waste', 'Sperrmüll anmelden'],
  ['yellow bins', 'Abfallbehälter anmelden oder ändern'],
  ['postal vote', 'Briefwahl beantragen'],
  ['building permit', 'Baugenehmigung beantragen'],
  ['housing benefit', 'Wohngeld beantragen (Mietzuschuss)'],
  ['daycare', 'Elternbeitrag für Kita und Tagespflege: Einkommen erklären'],
  ['certificate of good conduct', 'Führungszeugnis beantragen'],
  ['parking permit', 'Bewohnerparkausweis beantragen'],
];

describe('12.19 everyday needs, the baseline of search results', () => {
  it.each(everydayNeeds)('12.19 "%s" finds "%s" first', async (query, first) => {
    const results = await searchEverywhere(ctx, query, 'de');
    expect(results.hits[0]?.title).toBe(first);
    expect(results.didYouMean).toBeNull();
  });

  it.each(englishNeeds)('12.19 English "%s" finds "%s" first, without a "did you mean"', async (query, first) => {
    const results = await searchEverywhere(ctx, query, 'en');
    expect(results.hits[0]?.title).toBe(first);
    expect(results.didYouMean).toBeNull();
  });

  it('12.19 finds the citizens\' office and the bin services for the other common needs', async () => {
    expect(await titles('Abfallkalender')).toEqual(['Abfallbehälter anmelden oder ändern', 'Abfallberatung']);
    expect((await titles('moving house')).slice(0, 3).sort()).toEqual(['Halteverbot für einen Umzug beantragen', 'Umzug nach oder innerhalb von Erkelenz', 'Wohnsitz anmelden']);
    expect((await titles('ID card')).slice(0, 3)).toEqual(['Personalausweis beantragen', 'Vorläufigen Personalausweis beantragen', 'Verlust von Personalausweis oder Reisepass melden']);
  });

  it('12.19 reads the known short form "perso" as Personalausweis, not as the beginning of "Person…"', async () => {
    const person = await titles('Person');
    const perso = await titles('perso');
    // "Person" reaches entries that only speak of a person; "perso" must not.
    expect(person).toContain('Melderegisterauskunft beantragen');
    expect(person).toContain('Anregung oder Beschwerde an den Rat richten');
    expect(perso).not.toContain('Melderegisterauskunft beantragen');
    expect(perso).not.toContain('Anregung oder Beschwerde an den Rat richten');
    expect(perso.slice(0, 3)).toEqual(['Personalausweis beantragen', 'Vorläufigen Personalausweis beantragen', 'Verlust von Personalausweis oder Reisepass melden']);
    const all = await searchEverywhere(ctx, 'perso', 'de', { perPage: 100 });
    expect(all.hits.every((hit) => hit.snippet === undefined || hit.snippet.some((piece) => piece.match && /personalausweis/i.test(piece.text))), 'every snippet marks the Personalausweis').toBe(true);
  });

  it('12.19 ranks whole words above longer words that merely begin with them', async () => {
    await buildService(platform.ctx, {
      title: 'Baumschutzsatzung: Baumfällung und Baumpflege',
      summary: 'Die Baumschutzsatzung regelt, wann eine Baumfällung oder Baumpflege erlaubt ist.',
      synonyms: ['Baumschutz', 'Baumfällung', 'Baumpflege'],
    });
    await buildService(platform.ctx, { title: 'Einen Baum pflanzen', summary: 'Die Stadt berät, welcher Straßenbaum passt.' });
    expect((await titles('Baum'))[0]).toBe('Einen Baum pflanzen');
  });

  it('12.19 marks the German words of an English query in the snippets', async () => {
    const [hit] = (await searchEverywhere(ctx, 'register a dog', 'en')).hits;
    expect(hit?.snippet?.filter((piece) => piece.match).map((piece) => piece.text.toLowerCase())).toContain('hund');
  });
});

describe('the search page and suggestions', () => {
  it('shows did-you-mean, facet links and the suggestion island', async () => {
    const page = await new FormClient(platform.app).get('/suche?q=Persnalausweis');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Meinten Sie:');
    expect(page.body).toContain('href="/suche?q=Personalausweis"');
    expect(page.body).toContain('href="/suche?q=Persnalausweis&amp;typ=service"');
    expect(page.body).toMatch(/<script type="module" src="\/assets\/islands\/site\.search-suggest-[A-Z0-9]+\.js"><\/script>/);
    const filtered = await new FormClient(platform.app).get('/suche?q=Hund&lebenslage=hund');
    expect(filtered.body).toContain('Alle Filter entfernen');
  });

  it('12.19 answers a search that finds nothing with the phone number, the A–Z, the offices and the life situations, across the full width', async () => {
    const page = await new FormClient(platform.app).get('/suche?q=Qwrtzpfl');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h2 class="kern-heading-medium" id="results-heading">Zu Ihrer Suche haben wir nichts gefunden.</h2>');
    expect(page.body).toContain('<a class="kern-link search-nothing__phone" href="tel:02431850">02431 85-0</a>');
    expect(page.body).toContain('<a class="kern-link" href="/leistungen">Alle Leistungen von A bis Z</a>');
    expect(page.body).toContain('<a class="kern-link" href="/dienststellen">Dienststellen und Öffnungszeiten</a>');
    expect(page.body).toContain('<a class="kern-link" href="/lebenslagen/umzug">Umzug nach oder innerhalb von Erkelenz</a>');
    expect(page.body).toContain('href="/lebenslagen">Alle Lebenslagen</a>');
    // Not in the two-column grid whose first column is narrow.
    expect(page.body).not.toContain('search-layout');
    const english = await new FormClient(platform.app).get('/suche?q=Qwrtzpfl&lang=en');
    expect(english.body).toContain('href="tel:+492431850">+49 2431 85-0</a>');
    expect(english.body).toContain('All services from A to Z');
  });

  it('12.19 puts the results before the facets, which fold into a details element that works without script', async () => {
    const page = await new FormClient(platform.app).get('/suche?q=Hund');
    const results = page.body.indexOf('id="results-heading"');
    const facets = page.body.indexOf('<nav class="search-facets"');
    expect(results).toBeGreaterThan(0);
    expect(facets).toBeGreaterThan(results);
    expect(page.body).toContain('<details class="search-facets__fold"><summary class="search-facets__summary">Ergebnisse eingrenzen</summary>');
    expect(page.body).not.toContain('search-nothing');
  });

  it('12.19 keeps the facets when the chosen filters leave nothing, so they can be removed', async () => {
    const page = await new FormClient(platform.app).get('/suche?q=Hund&typ=office&lebenslage=hund');
    expect(page.body).toContain('Mit diesen Filtern bleibt kein Treffer übrig. Entfernen Sie einen Filter.');
    expect(page.body).toContain('Alle Filter entfernen');
    expect(page.body).not.toContain('search-nothing');
  });

  it('refuses a manipulated search address with a message, never a 500', async () => {
    const client = new FormClient(platform.app);
    const page = await client.get('/suche?q=Hund&seite=abc');
    expect(page.status).toBe(400);
    expect(page.body).toContain('Die Suchadresse enthält ungültige Angaben. Bitte suchen Sie erneut.');
    expect((await client.get(`/suche?q=Hund&lebenslage=${'x'.repeat(101)}`)).status).toBe(400);
  });

  it('suggests services first as you type, in the language asked for', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/api/v1/search/suggestions?q=hun&lang=en' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ query: string; suggestions: { title: string; type: string; typeLabel: string }[] }>();
    expect(body.query).toBe('hun');
    expect(body.suggestions.length).toBeLessThanOrEqual(6);
    expect(body.suggestions[0]).toMatchObject({ title: 'Hund anmelden (Hundesteuer)', type: 'service', typeLabel: 'Services' });
    expect((await platform.app.inject({ method: 'GET', url: '/api/v1/search/suggestions?q=%20' })).json()).toEqual({ query: '', suggestions: [] });
    expect((await platform.app.inject({ method: 'GET', url: `/api/v1/search/suggestions?q=${'a'.repeat(201)}` })).statusCode).toBe(400);
  });

  it('serves the island bundle under its content hash, cacheable for a year', async () => {
    const page = await new FormClient(platform.app).get('/');
    const src = /src="(\/assets\/islands\/[^"]+)"/.exec(page.body)?.[1];
    const script = await platform.app.inject({ method: 'GET', url: src! });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toContain('aria-activedescendant');
    expect((await platform.app.inject({ method: 'GET', url: '/assets/islands/site.search-suggest-FALSCH.js' })).statusCode).toBe(404);
  });
});

describe('the search follows the catalogue', () => {
  const found = async (query: string) => (await searchEverywhere(ctx, query, 'de')).hits.map((hit) => hit.title);

  it('finds an entry as soon as its publication is committed, and not once it is withdrawn, typo help included', async () => {
    const service = await buildService(platform.ctx, { title: 'Quastenflosser melden', summary: 'Wer einen Quastenflosser findet, meldet ihn.' }, { publish: false });
    expect(await found('Quastenflosser')).toEqual([]);
    expect((await publishEntry(platform.ctx, systemActor('test'), service.id)).ok).toBe(true);
    expect(await found('Quastenflosser')).toEqual(['Quastenflosser melden']);
    const misspelt = await searchEverywhere(ctx, 'Quastenflossr', 'de');
    expect(misspelt.hits.map((hit) => hit.title)).toEqual(['Quastenflosser melden']);
    expect(misspelt.didYouMean).toBe('Quastenflosser');

    expect((await unpublishEntry(platform.ctx, systemActor('test'), service.id)).ok).toBe(true);
    expect(await found('Quastenflosser')).toEqual([]);
    // The word left the vocabulary with the last document that had it.
    expect((await searchEverywhere(ctx, 'Quastenflossr', 'de')).didYouMean).toBeNull();
  });

  it('shows an office under its new name beside its services once the renamed office is published', async () => {
    const office = await buildOffice(platform.ctx, { title: 'Amt für Gartenzwerge', slug: 'amt-fuer-gartenzwerge' });
    await buildService(platform.ctx, { title: 'Gartenzwerg genehmigen lassen', officeId: office.id });
    const officeFacet = async () => (await searchEverywhere(ctx, 'Gartenzwerg genehmigen', 'de')).facets.find((facet) => facet.name === 'dienststelle')!.values;
    expect(await officeFacet()).toEqual([{ value: 'amt-fuer-gartenzwerge', label: 'Amt für Gartenzwerge', count: 1, selected: false }]);

    const db = catalogDb(platform.ctx.db);
    const entry = (await findBySlug(db, 'office', 'amt-fuer-gartenzwerge'))!;
    await updateEntry(db, entry.id, { draft: { ...entry.draft, title: 'Amt für Zierfiguren' }, revision: entry.revision + 1 });
    expect((await publishEntry(platform.ctx, systemActor('test'), entry.id)).ok).toBe(true);
    expect(await officeFacet()).toEqual([{ value: 'amt-fuer-gartenzwerge', label: 'Amt für Zierfiguren', count: 1, selected: false }]);
  });

  it('labels facet values in the reader\'s language where the catalogue has them', async () => {
    const situations = async (language: 'de' | 'en') => (await searchEverywhere(ctx, 'Hund', language)).facets.find((facet) => facet.name === 'lebenslage')!.values;
    expect((await situations('de')).find((value) => value.value === 'hund')?.label).toBe('Einen Hund halten');
    expect((await situations('en')).find((value) => value.value === 'hund')?.label).toBe('Keeping a dog');
  });

  it('corrects misspelt words only when the words as typed find too little', async () => {
    const typo = await searchEverywhere(ctx, 'Sperrmül', 'de');
    expect(typo.hits[0]?.title).toBe('Sperrmüll anmelden');
    const plenty = await searchEverywhere(ctx, 'Personalausweis', 'de');
    expect(plenty.total).toBeGreaterThanOrEqual(3);
    expect(plenty.didYouMean).toBeNull();
    // A word found as typed stays, even where the vocabulary has a close word ("Hunde" and "Hund").
    const few = await searchEverywhere(ctx, 'Landeshundegesetz Sachkunde', 'de');
    expect(few.total).toBeGreaterThan(0);
    expect(few.didYouMean).toBeNull();
    expect(few.hits.map((hit) => hit.title)).toContain('Großen Hund anzeigen (Landeshundegesetz)');
  });

  it('corrects only the misspelt word of several, leaving the words documents have as typed', async () => {
    const results = await searchEverywhere(ctx, 'Hund anmeldn', 'de');
    expect(results.didYouMean).toBe('Hund anmelden');
    expect(results.hits[0]?.title).toBe('Hund anmelden (Hundesteuer)');
  });
});
