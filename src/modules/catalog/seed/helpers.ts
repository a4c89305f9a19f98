import type { Channel, ExportedServiceContent, Link } from '../schemas.content.ts';

/*
 * Building blocks of the demo catalogue. The texts are written for this platform; facts about Erkelenz
 * (addresses, the central number 02431 85-0, the Serviceportal) come from ../shared/data/erkelenz and the
 * research notes. E-mail addresses end in .example: they are placeholders, as the imprint says.
 */

export const cityPhone = '02431 85-0';
export const serviceportal = 'https://service.erkelenz.de';

export const standardAppeal =
  'Gegen einen Bescheid können Sie den Rechtsbehelf einlegen, den die Rechtsbehelfsbelehrung am Ende des Bescheids nennt. In Nordrhein-Westfalen ist das in den meisten Fällen die Klage beim Verwaltungsgericht Aachen innerhalb eines Monats nach Bekanntgabe. Sprechen Sie uns gern vorher an: Oft lässt sich eine Frage ohne Verfahren klären.';

export const phone = (instructions: string, target = cityPhone): Channel => ({ kind: 'phone', target, instructions });
export const email = (target: string, instructions: string): Channel => ({ kind: 'email', target, instructions });
export const online = (target: string, instructions: string): Channel => ({ kind: 'online', target, instructions });
export const appointment = (instructions: string, target = ''): Channel => ({ kind: 'appointment', target, instructions });
export const inPerson = (instructions: string, target = ''): Channel => ({ kind: 'inPerson', target, instructions });

export const serviceportalOnline = (what: string): Channel =>
  online(serviceportal, `${what} im Serviceportal der Stadt Erkelenz. Sie melden sich mit Ihrem BundID-Konto an; für manche Anträge brauchen Sie die Online-Ausweisfunktion.`);

export const buergerbueroPhone = phone('Das Bürgerbüro berät Sie am Telefon, sagt Ihnen, welche Unterlagen Sie brauchen, und vereinbart mit Ihnen einen Termin. Auf Wunsch rufen wir Sie zurück.');
export const buergerbueroAppointment = appointment('Mit Termin werden Sie im Bürgerbüro zuerst bedient. Buchen Sie Ihren Termin online, rund um die Uhr; lieber am Telefon? Unter 02431 85-0 oder im Bürgerbüro vereinbaren wir ihn mit Ihnen.');
export const buergerbueroVisit = inPerson('Kommen Sie mit Termin oder ohne ins Bürgerbüro im Rathaus. Ohne Termin kann es zu Wartezeiten kommen.');

/** The federal portal's description of a service, where its LeiKa key is established. */
export const bundesportal = (key: string): Link => ({ label: 'Beschreibung im Verwaltungsportal des Bundes', url: `https://verwaltung.bund.de/leistungsverzeichnis/de/leistung/${key}` });

type Required = Pick<ExportedServiceContent, 'slug' | 'title' | 'summary' | 'description' | 'eligibility' | 'documents' | 'legalBasis' | 'channels'> & {
  office: string;
  lifeSituations: string[];
};

/** A service with the sections it does not name left empty and the usual appeal text. */
export function service(fields: Required & Partial<ExportedServiceContent>): ExportedServiceContent {
  return {
    leikaKey: null,
    requirements: [],
    fees: [],
    feesNote: '',
    deadlines: '',
    processingTime: '',
    notes: '',
    appeal: standardAppeal,
    synonyms: [],
    keywords: [],
    easyLanguage: '',
    links: fields.leikaKey ? [bundesportal(fields.leikaKey)] : [],
    ...fields,
  };
}

export const euro = (amount: number) => Math.round(amount * 100);
