import type { SituationContent } from '../schemas.content.ts';

const situation = (position: number, showOnHome: boolean, fields: Omit<SituationContent, 'position' | 'showOnHome'>): SituationContent => ({ ...fields, position, showOnHome });

export const situations: SituationContent[] = [
  situation(10, true, {
    slug: 'umzug',
    title: 'Umzug nach oder innerhalb von Erkelenz',
    summary: 'Wohnsitz anmelden, Halteverbot für den Umzugstag, Hund und Fahrzeug ummelden.',
    description: 'Willkommen in Erkelenz – oder in Ihrer neuen Wohnung. Nach einem Umzug haben Sie zwei Wochen Zeit, Ihren Wohnsitz anzumelden. Vieles andere folgt daraus: Ausweis, Fahrzeugschein und Hundesteuer werden angepasst, und die Wahlbenachrichtigung kommt an die neue Adresse.',
    tips: [
      'Halteverbot für den Umzugswagen mindestens zwei Wochen vorher beantragen.',
      'Vom Vermieter die Wohnungsgeberbestätigung geben lassen.',
      'Innerhalb von zwei Wochen nach dem Einzug den Wohnsitz anmelden; die neue Anschrift kommt dabei auf den Personalausweis.',
      'Hund bei der Stadt anmelden, falls er mit umzieht.',
      'Fahrzeugpapiere beim Kreis ändern lassen.',
    ],
  }),
  situation(20, true, {
    slug: 'ausweise-dokumente',
    title: 'Ausweise und Dokumente',
    summary: 'Personalausweis, Reisepass, Führungszeugnis, Beglaubigungen und Bescheinigungen.',
    description: 'Ob die Reise ansteht, der Ausweis abläuft oder der Arbeitgeber ein Führungszeugnis verlangt: Hier finden Sie die Dokumente, die das Bürgerbüro ausstellt, und was Sie dafür mitbringen.',
    tips: ['Rechtzeitig vor einer Reise prüfen, wie lange Ausweis und Pass noch gelten; die Herstellung dauert einige Wochen.', 'Seit Mai 2025 werden Passfotos nur noch digital angenommen.', 'Einen Verlust sofort melden, damit niemand das Dokument missbraucht.'],
  }),
  situation(30, true, {
    slug: 'geburt',
    title: 'Geburt eines Kindes',
    summary: 'Geburt beurkunden, Vaterschaft anerkennen, Elterngeld und Kinderbetreuung.',
    description: 'Herzlichen Glückwunsch! Das Krankenhaus meldet die Geburt in der Regel dem Standesamt. Danach erhalten Sie die Geburtsurkunden, die Sie für Elterngeld, Kindergeld und Krankenkasse brauchen – diese Urkunden sind gebührenfrei.',
    tips: [
      'Sind die Eltern nicht verheiratet, die Vaterschaft am besten schon vor der Geburt anerkennen.',
      'Die Geburt innerhalb einer Woche beim Standesamt anzeigen (das Krankenhaus erledigt das meist).',
      'Mit den Geburtsurkunden Elterngeld beim Kreis und Kindergeld bei der Familienkasse beantragen.',
      'Früh an die Betreuung denken: Einen Kita-Platz rechtzeitig anmelden.',
    ],
  }),
  situation(40, true, {
    slug: 'heirat',
    title: 'Heiraten',
    summary: 'Eheschließung anmelden, Namen wählen, Urkunden erhalten.',
    description: 'Das Standesamt begleitet Sie vom ersten Gespräch bis zur Trauung. Melden Sie die Eheschließung frühestens sechs Monate vor dem Wunschtermin an.',
    tips: ['Termin für die Anmeldung der Eheschließung vereinbaren und die nötigen Urkunden besorgen.', 'Überlegen, welchen Namen Sie künftig führen wollen.', 'Nach der Trauung Ausweis und Pass anpassen lassen, wenn sich Ihr Name ändert.'],
  }),
  situation(50, true, {
    slug: 'todesfall',
    title: 'Todesfall',
    summary: 'Sterbefall beurkunden, Bestattung, Urkunden und was danach zu regeln ist.',
    description: 'Wenn ein Mensch stirbt, ist vieles auf einmal zu regeln. Ein Bestattungsunternehmen übernimmt auf Wunsch die Anzeige beim Standesamt. Wir helfen Ihnen bei allem, was die Stadt betrifft, und sagen Ihnen, wer sonst zu informieren ist.',
    tips: [
      'Den Sterbefall spätestens am dritten Werktag nach dem Tod beim Standesamt anzeigen (oder durch das Bestattungsunternehmen anzeigen lassen).',
      'Mit der Friedhofsverwaltung Grabstätte und Bestattungstermin abstimmen.',
      'Sterbeurkunden für Versicherungen, Banken und Rentenversicherung beantragen.',
      'Einen Hund der verstorbenen Person ab- oder ummelden.',
    ],
  }),
  situation(60, true, {
    slug: 'hund',
    title: 'Einen Hund halten',
    summary: 'Hund anmelden, Hundesteuer, große Hunde nach dem Landeshundegesetz.',
    description: 'Wer in Erkelenz einen Hund hält, meldet ihn zur Hundesteuer an. Für große Hunde – mindestens 40 Zentimeter Schulterhöhe oder 20 Kilogramm Gewicht – gelten nach dem Landeshundegesetz zusätzliche Pflichten.',
    tips: ['Hund anmelden; die Steuermarke kommt per Post.', 'Bei einem großen Hund: Sachkunde nachweisen, Haftpflichtversicherung abschließen, Hund chippen lassen und den Hund beim Ordnungsamt anzeigen.', 'Bei Umzug, Abgabe oder Tod den Hund abmelden.'],
  }),
  situation(70, true, {
    slug: 'bauen-wohnen',
    title: 'Bauen und Wohnen',
    summary: 'Baugenehmigung, Bauvoranfrage, Bebauungspläne, Hausnummer und Baulasten.',
    description: 'Ob Neubau, Anbau oder Abriss: Die Bauordnung der Stadt ist die untere Bauaufsichtsbehörde. Lassen Sie sich früh beraten – das spart Zeit im Verfahren.',
    tips: ['Im Bebauungsplan nachsehen, was auf dem Grundstück erlaubt ist.', 'Bei Unsicherheit eine Bauvoranfrage stellen.', 'Den Bauantrag mit einer bauvorlageberechtigten Person einreichen.', 'Nach der Fertigstellung eine Hausnummer zuteilen lassen.'],
  }),
  situation(80, true, {
    slug: 'gewerbe-unternehmen',
    title: 'Gewerbe und Unternehmen',
    summary: 'Gewerbe anmelden, ummelden und abmelden, Veranstaltungen und Sondernutzungen.',
    description: 'Wer ein Gewerbe beginnt, meldet es bei der Stadt an. Die Gewerbeanmeldung geht automatisch an Finanzamt, Industrie- und Handelskammer oder Handwerkskammer und die Berufsgenossenschaft.',
    tips: ['Gewerbe spätestens bei Beginn anmelden – online oder im Ordnungsamt.', 'Für Außengastronomie, Werbeschilder oder Baustellen auf Gehwegen eine Sondernutzungserlaubnis beantragen.', 'Änderungen und die Aufgabe des Gewerbes ebenfalls anzeigen.'],
  }),
  situation(90, true, {
    slug: 'schule-kinderbetreuung',
    title: 'Schule und Kinderbetreuung',
    summary: 'Kita-Platz, Kindertagespflege, Schulanmeldung, offener Ganztag und Schulweg.',
    description: 'Von der Kita bis zum Schulabschluss: Hier finden Sie, wie Sie Ihr Kind anmelden, was die Betreuung kostet und wer die Fahrt zur Schule bezahlt.',
    tips: ['Kita-Platz etwa ein Jahr vor dem gewünschten Beginn anmelden.', 'Im Herbst vor der Einschulung die Grundschulanmeldung beachten.', 'Für den offenen Ganztag und die Schülerfahrkosten rechtzeitig Anträge stellen.'],
  }),
  situation(100, true, {
    slug: 'aelter-werden',
    title: 'Älter werden',
    summary: 'Rente beantragen, Grundsicherung, Wohngeld, Schwerbehindertenausweis und Hilfe bei Online-Diensten.',
    description: 'Im Alter ändern sich Einkommen, Wohnen und Bedürfnisse. Das Versicherungsamt hilft beim Rentenantrag, das Amt für Soziales und Wohnen bei Grundsicherung und Wohngeld. Alle Leistungen erreichen Sie auch ohne Computer – am Telefon oder bei uns im Rathaus.',
    tips: ['Rentenantrag etwa drei Monate vor dem Rentenbeginn stellen.', 'Prüfen lassen, ob Ihnen Wohngeld oder Grundsicherung zusteht.', 'Bei Bedarf einen Schwerbehindertenausweis beantragen.'],
  }),
  situation(110, true, {
    slug: 'umsiedlung',
    title: 'Umsiedlung und Tagebau Garzweiler II',
    summary: 'Beratung für Menschen aus den Umsiedlungsorten und den erhaltenen Dörfern.',
    description:
      'Der Tagebau Garzweiler II hat den Osten von Erkelenz tief verändert. Pesch, Borschemich, Immerath und Lützerath gibt es nicht mehr; an neuen Standorten wie Immerath (neu) und Erkelenz-Nord sind Dörfer neu entstanden. Keyenberg, Kuckum, Berverath, Ober- und Unterwestrich bleiben nach den Entscheidungen von 2022 und 2023 erhalten. Die Stadt berät zu Umsiedlung, Rückkehr und der Zukunft der Dörfer.',
    tips: ['Beratungstermin bei der Stadtplanung vereinbaren.', 'Bei Fragen zu Entschädigung und Grundstücksgeschäften auch das Bergbauunternehmen und unabhängige Beratungsstellen ansprechen.', 'Über Bürgerbeteiligung zur Zukunft der Dörfer informieren.'],
  }),
  situation(120, false, {
    slug: 'unterstuetzung',
    title: 'Finanzielle Unterstützung',
    summary: 'Wohngeld, Wohnberechtigungsschein, Grundsicherung sowie Bildung und Teilhabe.',
    description: 'Wenn das Einkommen knapp ist, gibt es Hilfen für Miete, Lebensunterhalt und die Teilhabe von Kindern. Wir beraten Sie, welche Leistung zu Ihnen passt.',
    tips: ['Unterlagen zu Einkommen und Miete bereitlegen.', 'Anträge früh stellen: Viele Leistungen gibt es erst ab dem Monat des Antrags.'],
  }),
  situation(130, false, {
    slug: 'auto-verkehr',
    title: 'Auto und Verkehr',
    summary: 'Fahrzeug zulassen oder abmelden, Führerschein, Parken in der Bewohnerzone.',
    description: 'Fahrzeuge und Führerscheine sind Sache des Kreises Heinsberg; Bewohnerparkausweise und Halteverbote stellt die Stadt aus.',
    tips: ['Nach einem Umzug die Fahrzeugpapiere ändern lassen.', 'Den Pflichtumtausch alter Führerscheine im Blick behalten.'],
  }),
];
