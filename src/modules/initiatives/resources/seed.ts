import type { Insertable } from 'kysely';
import type { KernelContext } from '#kernel/context.ts';
import { initiativesDb } from '../repo.ts';
import { reindexResource } from '../search.ts';
import type { InitiativesTables } from '../tables.ts';

type NewResource = Insertable<InitiativesTables['initiative_resources']>;

/*
 * Demo resources for Erkelenz, each marked as demo data: rooms, funding, loan items, contact persons (the
 * offices' functional addresses, no private persons) and open datasets the portal publishes. The owning
 * offices are slugs of the catalogue's seed.
 */
export const demoResources: readonly NewResource[] = [
  {
    slug: 'besprechungsraum-altes-rathaus',
    kind: 'raum',
    title: 'Besprechungsraum im Alten Rathaus (Demo)',
    summary: 'Beispiel: Raum für Treffen von Initiativen bis 25 Personen am Markt, abends und am Wochenende. Demodaten.',
    description: 'Der Raum hat Tische, Stühle, einen Bildschirm und WLAN. Schlüsselübergabe im Bürgerbüro. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'buergerbuero',
    domains: ['bildung', 'gesellschaft', 'klimaschutz', 'umwelt'],
    districts: ['erkelenz'],
    location: 'Altes Rathaus, Markt, 41812 Erkelenz',
    capacity: 25,
    accessibility: ['stufenlos', 'rollstuhl-wc'],
  },
  {
    slug: 'gemeinschaftsraum-dorfgemeinschaftshaus-keyenberg',
    kind: 'raum',
    title: 'Gemeinschaftsraum im Dorfgemeinschaftshaus Keyenberg (neu) (Demo)',
    summary: 'Beispiel: Saal mit Küche für Dorfvereine und Nachbarschaftsgruppen im Umsiedlungsort, bis 60 Personen. Demodaten.',
    description: 'Der Raum wird für Treffen der Dorfgemeinschaften der Umsiedlungsorte vergeben. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'soziales-wohnen',
    domains: ['gesellschaft'],
    districts: ['keyenberg'],
    location: 'Dorfgemeinschaftshaus, Keyenberg (neu), 41812 Erkelenz',
    capacity: 60,
    accessibility: ['stufenlos', 'rollstuhl-wc', 'hoeranlage'],
  },
  {
    slug: 'klimafonds-erkelenz',
    kind: 'foerderung',
    title: 'Klimafonds für Bürgerprojekte (Demo)',
    summary: 'Beispiel: bis zu 2.500 Euro für Projekte von Vereinen und Gruppen, die Energie sparen oder das Stadtklima verbessern. Demodaten.',
    description: 'Gefördert werden Sachkosten, zum Beispiel für Pflanzaktionen, Reparaturtreffs oder Energieberatung im Quartier. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'stadtplanung',
    domains: ['klimaschutz', 'umwelt'],
    deadline: '2027-03-31',
  },
  {
    slug: 'ehrenamtsfoerderung-jugendarbeit',
    kind: 'foerderung',
    title: 'Zuschuss für Jugendfreizeiten und Ehrenamt (Demo)',
    summary: 'Beispiel: Zuschuss je Teilnehmendem für Ferienfreizeiten und Schulungen von Jugendleitungen. Demodaten.',
    description: 'Anträge stellen anerkannte Träger der Jugendarbeit. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'jugendamt',
    domains: ['bildung', 'gesellschaft'],
    deadline: '2026-10-31',
  },
  {
    slug: 'beamer-set',
    kind: 'ausleihe',
    title: 'Beamer-Set mit Leinwand und Lautsprecher (Demo)',
    summary: 'Beispiel: tragbarer Beamer, Leinwand, Lautsprecher und Mikrofon für Veranstaltungen, bis zu einer Woche. Demodaten.',
    description: 'Abholung und Rückgabe im Rathaus nach Absprache. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'team-digitalisierung',
    domains: ['bildung', 'gesellschaft'],
    location: 'Rathaus, Johannismarkt 17, 41812 Erkelenz',
  },
  {
    slug: 'werkzeugkiste-repair-cafe',
    kind: 'ausleihe',
    title: 'Werkzeugkiste für Repair-Cafés (Demo)',
    summary: 'Beispiel: Lötstation, Messgerät, Schraubendreher-Sätze und Nähzubehör für Reparaturtreffs. Demodaten.',
    description: 'Die Kiste wird für einen Reparaturtermin verliehen; das Prüfprotokoll für elektrische Geräte liegt bei. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'abfallberatung',
    domains: ['umwelt', 'klimaschutz'],
    location: 'Abfallberatung, Rathaus',
  },
  {
    slug: 'ansprechstelle-ehrenamt',
    kind: 'ansprechperson',
    title: 'Ansprechstelle Ehrenamt und Vereine (Demo)',
    summary: 'Beispiel: berät Initiativen bei Gründung, Versicherung, Förderanträgen und der Ehrenamtskarte. Demodaten.',
    description: 'Erreichbar über die Funktionsadresse der Dienststelle. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'soziales-wohnen',
    domains: ['gesellschaft', 'gesundheit'],
  },
  {
    slug: 'ansprechstelle-mobilitaet',
    kind: 'ansprechperson',
    title: 'Ansprechstelle Mobilität und Radverkehr (Demo)',
    summary: 'Beispiel: für Initiativen zu Carsharing, Lastenrädern, Bürgerbussen und sicheren Schulwegen. Demodaten.',
    description: 'Erreichbar über die Funktionsadresse der Stadtplanung. Dieser Eintrag ist ein Beispiel (Demodaten).',
    office_slug: 'stadtplanung',
    domains: ['mobilitaet', 'klimaschutz'],
  },
  {
    slug: 'datensatz-strassenverzeichnis',
    kind: 'datensatz',
    title: 'Straßenverzeichnis der Stadt Erkelenz (Demo)',
    summary: 'Beispiel: alle Straßen mit Stadtbezirk, nützlich für Karten und Touren von Initiativen. Demodaten.',
    office_slug: 'team-digitalisierung',
    domains: ['mobilitaet', 'gesellschaft'],
    dataset_name: 'streets-register',
  },
  {
    slug: 'datensatz-dienststellen',
    kind: 'datensatz',
    title: 'Dienststellen mit Öffnungszeiten und Barrierefreiheit (Demo)',
    summary: 'Beispiel: Adressen, Öffnungszeiten und Zugänglichkeit der städtischen Dienststellen als offene Daten. Demodaten.',
    office_slug: 'team-digitalisierung',
    domains: ['gesellschaft', 'gesundheit'],
    dataset_name: 'catalog-offices',
  },
];

/** Adds the demo resources that are not there yet (by slug); a resource already there is left as it is. */
export async function seedResources(ctx: Pick<KernelContext, 'db'>): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await initiativesDb(trx)
      .insertInto('initiative_resources')
      .values(demoResources.map((resource) => ({ ...resource, demo: true })))
      .onConflict((conflict) => conflict.column('slug').doNothing())
      .returning('id')
      .execute();
    // Found by the platform-wide search from the start.
    for (const row of result) await reindexResource(trx, row.id);
    return result.length;
  });
}
