import type { OfficeEnglish } from '../schemas.english.ts';

/*
 * English twins of the demo offices, by slug. The German name stays in the English title, because it is
 * the name on the door and on every letter.
 */

const townHall: OfficeEnglish = {
  publicTransport:
    'By train to Erkelenz (RE 4 and RB 33 between Aachen and Mönchengladbach); from the station it is about a 15-minute walk to the town centre. Town buses stop near Johannismarkt.\n\nThese travel details are demonstration values; the timetable information is what counts.',
  hoursNote: 'Appointments outside opening hours can be arranged.',
  accessibilityNote: 'The accessibility details are demonstration values. If you need support, call us before you come – we will do what we can to help.',
};

const atTownHall = (fields: OfficeEnglish): OfficeEnglish => ({ ...townHall, ...fields });

export const englishOffices: Record<string, OfficeEnglish> = {
  buergerbuero: atTownHall({
    title: 'Citizens’ office (Bürgerbüro)',
    summary: 'Identity cards, registering your address, certificates and certified copies – the first place to go in the town hall.',
    description:
      'The Bürgerbüro in the town hall on Johannismarkt deals with the most common matters in one place: identity cards and passports, registering and deregistering your address, certificates of registration, certificates of good conduct and certified copies.\n\nWith an appointment you are served first. Make one by phone on 02431 85-0; we can call you back if you like.',
    hoursNote: 'Opening hours as published in 2020; before coming without an appointment, please call to check that they still apply.',
  }),
  standesamt: atTownHall({
    title: 'Register office (Standesamt)',
    summary: 'Births, marriages, deaths, certificates and declarations about names.',
    description:
      'The register office records births, marriages and deaths in Erkelenz, issues certificates and takes declarations about surnames and paternity. Weddings can also take place outside opening hours by arrangement.',
  }),
  ordnungsamt: atTownHall({
    title: 'Public order office (Ordnungsamt)',
    summary: 'Businesses, use of public space, events, traffic matters, lost property and dogs under the State Dog Act.',
    description:
      'The public order office is the town’s local regulatory and road traffic authority. It takes business registrations, permits the use of public space, sets up no-parking zones, looks after events and traditional bonfires, runs the lost property office and is responsible for dogs under the State Dog Act (Landeshundegesetz).',
  }),
  steueramt: atTownHall({
    title: 'Taxes and charges (Steuern und Abgaben)',
    summary: 'Dog tax, property tax and other municipal charges.',
    description: 'The town’s tax office sets property tax and dog tax, takes direct debit mandates and answers questions about notices of municipal charges.',
  }),
  bauordnung: atTownHall({
    title: 'Building control (Bauordnung)',
    summary: 'Building permits, preliminary decisions, building encumbrances and house numbers – the local building authority.',
    description:
      'As a medium-sized town within its district, Erkelenz is its own local building authority. Building control examines building applications and preliminary enquiries, keeps the register of building encumbrances, assigns house numbers and advises builders before they apply.',
    hoursNote: 'Please make an appointment for advice on building projects, so that the right person has time for you.',
  }),
  stadtplanung: atTownHall({
    title: 'Town planning and resettlement (Stadtplanung und Umsiedlung)',
    summary: 'Development plans, urban development and advice on resettlement and on the future of the villages at the Garzweiler II open-cast mine.',
    description:
      'Town planning draws up development and land use plans and accompanies the structural change in the Rhineland lignite region. Since 2006 the Garzweiler II open-cast mine has changed the east of the town; more than 5,000 people from ten villages were affected by resettlement. The villages of Keyenberg, Kuckum, Berverath, Oberwestrich and Unterwestrich will remain, following the decisions of 2022 and 2023. Town planning advises on resettlement, the resettlement sites and the future of the villages that remain.',
  }),
  'soziales-wohnen': atTownHall({
    title: 'Social affairs and housing (Soziales und Wohnen)',
    summary: 'Housing benefit, housing entitlement certificate, basic income support, education and participation benefits, and the insurance office.',
    description:
      'The office for social affairs and housing helps when there is not enough money for rent or living costs: with housing benefit, the housing entitlement certificate for subsidised flats, basic income support in old age and for reduced earning capacity, and education and participation benefits. The insurance office (Versicherungsamt) takes pension applications and helps you fill them in.',
  }),
  jugendamt: atTownHall({
    title: 'Youth welfare office (Jugendamt)',
    summary: 'Childcare, childminders, parents’ contributions, maintenance advance and advice for families.',
    description:
      'The youth welfare office arranges places in nurseries and with childminders, sets parents’ contributions, pays the maintenance advance (Unterhaltsvorschuss) and advises families on bringing up children and living together.',
  }),
  schulverwaltung: atTownHall({
    title: 'Schools administration (Schulverwaltung)',
    summary: 'Registration at the town’s schools, all-day care and school travel costs.',
    description:
      'The schools administration runs the town’s schools. Together with the schools it organises registration at primary and secondary schools, all-day care and the payment of school travel costs.',
  }),
  friedhofsverwaltung: atTownHall({
    title: 'Cemetery administration (Friedhofsverwaltung)',
    summary: 'Graves, burials in the town’s cemeteries and rights of use.',
    description: 'The cemetery administration allocates graves in the town’s cemeteries, arranges funeral dates with funeral directors and families, and extends rights of use.',
  }),
  abfallberatung: atTownHall({
    title: 'Waste advice service (Abfallberatung)',
    summary: 'Bulky waste, bins, collection dates (waste calendar) and questions about refuse collection.',
    description: 'The waste advice service takes bookings for bulky waste collections, changes the size or number of your bins and answers questions about collections and charges.',
  }),
  wahlamt: atTownHall({
    title: 'Elections office (Wahlamt)',
    summary: 'Postal voting, the electoral register and poll workers.',
    description: 'The elections office prepares elections and referendums in Erkelenz, keeps the electoral register, issues polling cards for postal voting and looks for poll workers.',
  }),
  'team-digitalisierung': atTownHall({
    title: 'Digital team (Team Digitalisierung)',
    summary: 'The town’s digital services and help with using online services.',
    description:
      'The digital team around the Chief Digital Officer develops the town’s digital services following the digital strategy drawn up together with the digital advisory board, and helps residents use online services safely.',
    hoursNote: 'Digital consultation hours with volunteer digital pilots: Tuesdays 10:00–12:00 and Thursdays 15:00–17:00, by appointment.',
  }),
  'kreis-heinsberg': {
    title: 'District administration of Heinsberg (Kreisverwaltung Heinsberg)',
    summary: 'Responsible for Erkelenz for vehicle registration, driving licences, parental allowance and disability cards.',
    description:
      'Some services are provided not by the town but by the district of Heinsberg, which Erkelenz belongs to. The address and contact details are demonstration values; the district’s own information is what counts.',
    publicTransport: 'From Erkelenz by bus to Heinsberg, or by train via Lindern (RB 33). These travel details are demonstration values; the timetable information is what counts.',
    hoursNote: 'The vehicle registration office mostly works by appointment.',
    accessibilityNote: 'There is no information here about the accessibility of the district office.',
  },
};
