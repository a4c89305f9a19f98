import type { ClosingDay, OfficeContent, OpeningPeriod } from '../schemas.content.ts';
import { cityPhone } from './helpers.ts';

/*
 * Offices of the Stadt Erkelenz and, for services the Kreis provides, the Kreis Heinsberg. The Rathaus
 * address (Johannismarkt 17) and the Bürgerbüro hours (published 2020) come from ../shared/data/erkelenz;
 * the other units' hours and accessibility details are demonstration values to be confirmed by the city.
 */

const rathaus = {
  street: 'Johannismarkt 17',
  postalCode: '41812',
  city: 'Erkelenz',
  publicTransport:
    'Mit der Bahn bis Erkelenz (RE 4 und RB 33 zwischen Aachen und Mönchengladbach); vom Bahnhof sind es etwa 15 Minuten zu Fuß in die Innenstadt. Stadtbusse halten in der Nähe des Johannismarkts.\n\nDie Angaben zur Anreise sind Demonstrationswerte; maßgeblich ist die Fahrplanauskunft.',
};

const week = (days: number[], opens: string, closes: string): OpeningPeriod[] => days.map((day) => ({ day, opens, closes }));

/** Office hours most units of a Rhineland town hall keep: mornings, and Thursday afternoon. */
const usualHours = [...week([1, 2, 3, 4, 5], '08:30', '12:00'), ...week([4], '14:00', '17:30')];

/**
 * Karneval: the Rhineland's administrations close at noon on Altweiber and all of Rosenmontag (Erkelenz
 * 2020); town halls also close on Christmas Eve and New Year's Eve. As rules, they hold every year.
 */
const rathausClosingDays: ClosingDay[] = [{ day: 'weiberfastnacht', from: '12:00' }, { day: 'rosenmontag' }, { day: 'heiligabend' }, { day: 'silvester' }];

const rathausAccess = {
  stepFree: true,
  accessibleToilet: true,
  disabledParking: null,
  hearingLoop: null,
  accessibilityNote: 'Angaben zur Barrierefreiheit sind Demonstrationswerte. Wenn Sie Unterstützung brauchen, rufen Sie uns vorher an – wir kommen Ihnen entgegen.',
};

function office(fields: Partial<OfficeContent> & Pick<OfficeContent, 'slug' | 'title' | 'summary' | 'description' | 'email'>): OfficeContent {
  return {
    ...rathaus,
    phone: cityPhone,
    website: '',
    hours: usualHours,
    exceptions: [],
    closedOnHolidays: true,
    closingDays: rathausClosingDays,
    hoursNote: 'Termine außerhalb der Öffnungszeiten sind nach Absprache möglich.',
    ...rathausAccess,
    ...fields,
  };
}

export const offices: OfficeContent[] = [
  office({
    slug: 'buergerbuero',
    title: 'Bürgerbüro',
    summary: 'Ausweise, Meldeangelegenheiten, Bescheinigungen und Beglaubigungen – die erste Anlaufstelle im Rathaus.',
    description:
      'Das Bürgerbüro im Rathaus am Johannismarkt erledigt die häufigsten Anliegen an einem Ort: Personalausweis und Reisepass, An- und Abmeldung, Meldebescheinigungen, Führungszeugnisse und Beglaubigungen.\n\nMit Termin werden Sie zuerst bedient. Termine vereinbaren Sie telefonisch unter 02431 85-0; wir rufen Sie auf Wunsch zurück.',
    email: 'buergerbuero@erkelenz.example',
    hours: [...week([1, 3, 4], '07:30', '12:30'), ...week([1, 3, 4], '13:30', '16:00'), ...week([2], '07:30', '12:30'), ...week([2], '13:30', '16:30'), ...week([5], '07:30', '12:30')],
    hoursNote: 'Öffnungszeiten nach dem Stand von 2020; bitte prüfen Sie vor einem Besuch ohne Termin telefonisch, ob sie noch gelten.',
  }),
  office({
    slug: 'standesamt',
    title: 'Standesamt',
    summary: 'Geburten, Eheschließungen, Sterbefälle, Urkunden und Namenserklärungen.',
    description: 'Das Standesamt beurkundet Geburten, Eheschließungen und Sterbefälle in Erkelenz, stellt Urkunden aus und nimmt Erklärungen zur Namensführung und zur Vaterschaft entgegen. Trauungen finden nach Vereinbarung auch außerhalb der Öffnungszeiten statt.',
    email: 'standesamt@erkelenz.example',
  }),
  office({
    slug: 'ordnungsamt',
    title: 'Ordnungsamt',
    summary: 'Gewerbe, Sondernutzungen, Veranstaltungen, Verkehrsangelegenheiten, Fundsachen und Hunde nach dem Landeshundegesetz.',
    description:
      'Das Ordnungsamt ist die örtliche Ordnungsbehörde und die Straßenverkehrsbehörde der Stadt. Es nimmt Gewerbeanzeigen entgegen, erlaubt die Nutzung öffentlicher Flächen, ordnet Halteverbote an, betreut Veranstaltungen und Brauchtumsfeuer, führt das Fundbüro und ist für Hunde nach dem Landeshundegesetz zuständig.',
    email: 'ordnungsamt@erkelenz.example',
  }),
  office({
    slug: 'steueramt',
    title: 'Steuern und Abgaben',
    summary: 'Hundesteuer, Grundsteuer und andere städtische Abgaben.',
    description: 'Das Steueramt setzt die Grundsteuer und die Hundesteuer fest, nimmt Lastschriftmandate entgegen und beantwortet Fragen zu Bescheiden über städtische Abgaben.',
    email: 'steueramt@erkelenz.example',
  }),
  office({
    slug: 'bauordnung',
    title: 'Bauordnung',
    summary: 'Baugenehmigungen, Vorbescheide, Baulasten und Hausnummern – die untere Bauaufsichtsbehörde.',
    description:
      'Als mittlere kreisangehörige Stadt ist Erkelenz selbst untere Bauaufsichtsbehörde. Die Bauordnung prüft Bauanträge und Bauvoranfragen, führt das Baulastenverzeichnis, teilt Hausnummern zu und berät Bauherrinnen und Bauherren vor dem Antrag.',
    email: 'bauordnung@erkelenz.example',
    hours: [...week([1, 2, 3, 4, 5], '08:30', '12:00')],
    hoursNote: 'Beratung zu Bauvorhaben bitte mit Termin, damit die zuständige Person Zeit für Sie hat.',
  }),
  office({
    slug: 'stadtplanung',
    title: 'Stadtplanung und Umsiedlung',
    summary: 'Bebauungspläne, Stadtentwicklung und Beratung zur Umsiedlung und zur Zukunft der Dörfer am Tagebau Garzweiler II.',
    description:
      'Die Stadtplanung stellt Bebauungs- und Flächennutzungspläne auf und begleitet den Strukturwandel im Rheinischen Revier. Seit 2006 hat der Tagebau Garzweiler II den Osten des Stadtgebiets verändert; mehr als 5.000 Menschen aus zehn Ortschaften waren von der Umsiedlung betroffen. Die Dörfer Keyenberg, Kuckum, Berverath, Ober- und Unterwestrich bleiben nach den Entscheidungen von 2022 und 2023 erhalten. Die Stadtplanung berät zu Fragen der Umsiedlung, der Umsiedlungsstandorte und der Zukunft der erhaltenen Dörfer.',
    email: 'stadtplanung@erkelenz.example',
  }),
  office({
    slug: 'soziales-wohnen',
    title: 'Soziales und Wohnen',
    summary: 'Wohngeld, Wohnberechtigungsschein, Grundsicherung, Bildung und Teilhabe sowie das Versicherungsamt.',
    description:
      'Das Amt für Soziales und Wohnen hilft, wenn das Geld für Miete oder Lebensunterhalt nicht reicht: mit Wohngeld, dem Wohnberechtigungsschein für geförderte Wohnungen, der Grundsicherung im Alter und bei Erwerbsminderung und den Leistungen für Bildung und Teilhabe. Das Versicherungsamt nimmt Anträge auf Renten entgegen und hilft beim Ausfüllen.',
    email: 'soziales@erkelenz.example',
  }),
  office({
    slug: 'jugendamt',
    title: 'Jugendamt',
    summary: 'Kindertagesbetreuung, Kindertagespflege, Elternbeiträge, Unterhaltsvorschuss und Beratung für Familien.',
    description: 'Das Jugendamt vermittelt Plätze in Kindertageseinrichtungen und in der Kindertagespflege, setzt die Elternbeiträge fest, zahlt Unterhaltsvorschuss und berät Familien in allen Fragen rund um Erziehung und Zusammenleben.',
    email: 'jugendamt@erkelenz.example',
  }),
  office({
    slug: 'schulverwaltung',
    title: 'Schulverwaltung',
    summary: 'Anmeldung an den städtischen Schulen, offener Ganztag und Schülerfahrkosten.',
    description: 'Die Schulverwaltung ist Schulträgerin der städtischen Schulen. Sie organisiert die Anmeldung an Grund- und weiterführenden Schulen gemeinsam mit den Schulen, den offenen Ganztag und die Übernahme von Schülerfahrkosten.',
    email: 'schulverwaltung@erkelenz.example',
  }),
  office({
    slug: 'friedhofsverwaltung',
    title: 'Friedhofsverwaltung',
    summary: 'Grabstätten, Bestattungen auf den städtischen Friedhöfen und Nutzungsrechte.',
    description: 'Die Friedhofsverwaltung vergibt Grabstätten auf den städtischen Friedhöfen, stimmt Bestattungstermine mit Bestattungsunternehmen und Angehörigen ab und verlängert Nutzungsrechte.',
    email: 'friedhof@erkelenz.example',
  }),
  office({
    slug: 'abfallberatung',
    title: 'Abfallberatung',
    summary: 'Sperrmüll, Abfallbehälter, Abfuhrtermine (Abfallkalender) und Fragen zur Müllabfuhr.',
    description: 'Die Abfallberatung nimmt Sperrmüll-Anmeldungen entgegen, ändert die Größe oder Zahl der Abfallbehälter und beantwortet Fragen zur Abfuhr und zu den Gebühren.',
    email: 'abfall@erkelenz.example',
  }),
  office({
    slug: 'wahlamt',
    title: 'Wahlamt',
    summary: 'Briefwahl, Wählerverzeichnis und Wahlhelfende.',
    description: 'Das Wahlamt bereitet Wahlen und Abstimmungen in Erkelenz vor, führt das Wählerverzeichnis, stellt Wahlscheine für die Briefwahl aus und sucht Wahlhelferinnen und Wahlhelfer.',
    email: 'wahlamt@erkelenz.example',
  }),
  office({
    slug: 'team-digitalisierung',
    title: 'Team Digitalisierung',
    summary: 'Digitale Angebote der Stadt und Hilfe beim Umgang mit Online-Diensten.',
    description: 'Das Team Digitalisierung um den Chief Digital Officer entwickelt die digitalen Angebote der Stadt nach der Digitalstrategie, die der Digitalbeirat mit erarbeitet hat, und hilft Bürgerinnen und Bürgern, Online-Dienste sicher zu nutzen.',
    email: 'digital@erkelenz.example',
    hoursNote: 'Digitalsprechstunde der ehrenamtlichen Digitallotsen: dienstags 10–12 Uhr und donnerstags 15–17 Uhr, mit Termin.',
  }),
  office({
    slug: 'kreis-heinsberg',
    title: 'Kreisverwaltung Heinsberg',
    summary: 'Für Erkelenz zuständig bei Fahrzeugzulassung, Führerschein, Elterngeld und Schwerbehindertenausweis.',
    description: 'Einige Leistungen erbringt nicht die Stadt, sondern der Kreis Heinsberg, zu dem Erkelenz gehört. Die Angaben zu Anschrift und Erreichbarkeit sind Demonstrationswerte; maßgeblich sind die Angaben des Kreises.',
    street: 'Valkenburger Straße 45',
    postalCode: '52525',
    city: 'Heinsberg',
    publicTransport: 'Von Erkelenz mit dem Bus nach Heinsberg oder mit der Bahn über Lindern (RB 33). Die Angaben zur Anreise sind Demonstrationswerte; maßgeblich ist die Fahrplanauskunft.',
    phone: '02452 13-0',
    email: 'info@kreis-heinsberg.example',
    hours: [...week([1, 2, 3, 4, 5], '08:00', '12:00'), ...week([4], '14:00', '17:00')],
    exceptions: [],
    // The Kreis decides its own closing days; none are assumed for it here.
    closingDays: [],
    hoursNote: 'Die Zulassungsstelle arbeitet überwiegend mit Termin.',
    stepFree: null,
    accessibleToilet: null,
    accessibilityNote: 'Zur Barrierefreiheit des Kreishauses liegen hier keine Angaben vor.',
  }),
];
