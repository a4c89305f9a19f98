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
    en: {
      title: 'Moving to Erkelenz or within the town',
      summary: 'Register your address, reserve a no-parking zone for moving day, re-register your dog and your vehicle.',
      description:
        'Welcome to Erkelenz – or to your new home. After a move you have two weeks to register your address. Much else follows from that: your identity card, vehicle documents and dog tax are updated, and your polling card comes to your new address.',
      tips: [
        'Apply for a no-parking zone for the removal van at least two weeks in advance.',
        'Ask your landlord for the landlord’s confirmation (Wohnungsgeberbestätigung).',
        'Register your address within two weeks of moving in; your new address is added to your identity card at the same time.',
        'Register your dog with the town if it moves with you.',
        'Have your vehicle documents changed at the district office (Kreis Heinsberg).',
      ],
    },
  }),
  situation(20, true, {
    slug: 'ausweise-dokumente',
    title: 'Ausweise und Dokumente',
    summary: 'Personalausweis, Reisepass, Führungszeugnis, Beglaubigungen und Bescheinigungen.',
    description: 'Ob die Reise ansteht, der Ausweis abläuft oder der Arbeitgeber ein Führungszeugnis verlangt: Hier finden Sie die Dokumente, die das Bürgerbüro ausstellt, und was Sie dafür mitbringen.',
    tips: ['Rechtzeitig vor einer Reise prüfen, wie lange Ausweis und Pass noch gelten; die Herstellung dauert einige Wochen.', 'Seit Mai 2025 werden Passfotos nur noch digital angenommen.', 'Einen Verlust sofort melden, damit niemand das Dokument missbraucht.'],
    en: {
      title: 'Identity cards and documents',
      summary: 'Identity card, passport, certificate of good conduct, certified copies and certificates.',
      description:
        'Whether you are about to travel, your identity card is running out or your employer wants a certificate of good conduct: here you will find the documents the Bürgerbüro issues, and what to bring for them.',
      tips: [
        'Check well before a trip how long your identity card and passport are still valid; making a new one takes a few weeks.',
        'Since May 2025 passport photos are only accepted in digital form.',
        'Report a lost document at once, so that nobody can misuse it.',
      ],
    },
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
    en: {
      title: 'Having a baby',
      summary: 'Registering the birth, acknowledging paternity, parental allowance and childcare.',
      description:
        'Congratulations! The hospital usually reports the birth to the register office. You then receive the birth certificates you need for parental allowance, child benefit and your health insurance – these certificates are free of charge.',
      tips: [
        'If the parents are not married, acknowledge paternity, ideally before the birth.',
        'Report the birth to the register office within a week (the hospital usually does this for you).',
        'With the birth certificates, apply for parental allowance at the district office and for child benefit at the family benefits office (Familienkasse).',
        'Think about childcare early: apply for a nursery place in good time.',
      ],
    },
  }),
  situation(40, true, {
    slug: 'heirat',
    title: 'Heiraten',
    summary: 'Eheschließung anmelden, Namen wählen, Urkunden erhalten.',
    description: 'Das Standesamt begleitet Sie vom ersten Gespräch bis zur Trauung. Melden Sie die Eheschließung frühestens sechs Monate vor dem Wunschtermin an.',
    tips: ['Termin für die Anmeldung der Eheschließung vereinbaren und die nötigen Urkunden besorgen.', 'Überlegen, welchen Namen Sie künftig führen wollen.', 'Nach der Trauung Ausweis und Pass anpassen lassen, wenn sich Ihr Name ändert.'],
    en: {
      title: 'Getting married',
      summary: 'Giving notice of marriage, choosing your name, getting your certificates.',
      description: 'The register office is with you from the first conversation to the wedding. Give notice of your marriage no earlier than six months before the date you would like.',
      tips: [
        'Make an appointment to give notice of marriage and get the certificates you need.',
        'Think about which surname you want to use in future.',
        'After the wedding, have your identity card and passport updated if your name changes.',
      ],
    },
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
    en: {
      title: 'When someone dies',
      summary: 'Registering the death, the funeral, certificates and what needs to be settled afterwards.',
      description:
        'When someone dies, a great deal has to be arranged at once. If you wish, a funeral director will report the death to the register office for you. We help you with everything that concerns the town and tell you who else needs to be informed.',
      tips: [
        'Report the death to the register office no later than the third working day after it (or have the funeral director do it).',
        'Arrange the grave and the date of the funeral with the cemetery administration.',
        'Order death certificates for insurers, banks and the pension insurance.',
        'Deregister or re-register a dog that belonged to the person who died.',
      ],
    },
  }),
  situation(60, true, {
    slug: 'hund',
    title: 'Einen Hund halten',
    summary: 'Hund anmelden, Hundesteuer, große Hunde nach dem Landeshundegesetz.',
    description: 'Wer in Erkelenz einen Hund hält, meldet ihn zur Hundesteuer an. Für große Hunde – mindestens 40 Zentimeter Schulterhöhe oder 20 Kilogramm Gewicht – gelten nach dem Landeshundegesetz zusätzliche Pflichten.',
    tips: ['Hund anmelden; die Steuermarke kommt per Post.', 'Bei einem großen Hund: Sachkunde nachweisen, Haftpflichtversicherung abschließen, Hund chippen lassen und den Hund beim Ordnungsamt anzeigen.', 'Bei Umzug, Abgabe oder Tod den Hund abmelden.'],
    en: {
      title: 'Keeping a dog',
      summary: 'Registering a dog, dog tax, large dogs under the State Dog Act.',
      description:
        'If you keep a dog in Erkelenz, you register it for dog tax. Large dogs – at least 40 centimetres at the shoulder or 20 kilograms in weight – come with extra duties under the State Dog Act (Landeshundegesetz).',
      tips: [
        'Register your dog; the tax tag comes by post.',
        'For a large dog: prove that you know how to handle it, take out liability insurance, have the dog microchipped and register it with the public order office.',
        'Deregister the dog if you move away, give it away or it dies.',
      ],
    },
  }),
  situation(70, true, {
    slug: 'bauen-wohnen',
    title: 'Bauen und Wohnen',
    summary: 'Baugenehmigung, Bauvoranfrage, Bebauungspläne, Hausnummer und Baulasten.',
    description: 'Ob Neubau, Anbau oder Abriss: Die Bauordnung der Stadt ist die untere Bauaufsichtsbehörde. Lassen Sie sich früh beraten – das spart Zeit im Verfahren.',
    tips: ['Im Bebauungsplan nachsehen, was auf dem Grundstück erlaubt ist.', 'Bei Unsicherheit eine Bauvoranfrage stellen.', 'Den Bauantrag mit einer bauvorlageberechtigten Person einreichen.', 'Nach der Fertigstellung eine Hausnummer zuteilen lassen.'],
    en: {
      title: 'Building and housing',
      summary: 'Building permits, preliminary enquiries, development plans, house numbers and building encumbrances.',
      description:
        'New building, extension or demolition: the town’s building control office (Bauordnung) is the local building authority. Ask for advice early – it saves time later on.',
      tips: [
        'Check the development plan (Bebauungsplan) to see what may be built on the plot.',
        'If you are unsure, make a preliminary enquiry (Bauvoranfrage).',
        'Submit the building application with a person qualified to sign building documents.',
        'Once the building is finished, have a house number assigned.',
      ],
    },
  }),
  situation(80, true, {
    slug: 'gewerbe-unternehmen',
    title: 'Gewerbe und Unternehmen',
    summary: 'Gewerbe anmelden, ummelden und abmelden, Veranstaltungen und Sondernutzungen.',
    description: 'Wer ein Gewerbe beginnt, meldet es bei der Stadt an. Die Gewerbeanmeldung geht automatisch an Finanzamt, Industrie- und Handelskammer oder Handwerkskammer und die Berufsgenossenschaft.',
    tips: ['Gewerbe spätestens bei Beginn anmelden – online oder im Ordnungsamt.', 'Für Außengastronomie, Werbeschilder oder Baustellen auf Gehwegen eine Sondernutzungserlaubnis beantragen.', 'Änderungen und die Aufgabe des Gewerbes ebenfalls anzeigen.'],
    en: {
      title: 'Business and trade',
      summary: 'Registering, changing and closing a business, events and special use of public space.',
      description:
        'If you start a business, you register it with the town. Your registration is passed on automatically to the tax office, the chamber of commerce or the chamber of crafts, and the employers’ liability insurance.',
      tips: [
        'Register your business when you start at the latest – online or at the public order office.',
        'For outdoor seating, advertising signs or building sites on the pavement, apply for a special use permit (Sondernutzungserlaubnis).',
        'Report changes and the closing of your business too.',
      ],
    },
  }),
  situation(90, true, {
    slug: 'schule-kinderbetreuung',
    title: 'Schule und Kinderbetreuung',
    summary: 'Kita-Platz, Kindertagespflege, Schulanmeldung, offener Ganztag und Schulweg.',
    description: 'Von der Kita bis zum Schulabschluss: Hier finden Sie, wie Sie Ihr Kind anmelden, was die Betreuung kostet und wer die Fahrt zur Schule bezahlt.',
    tips: ['Kita-Platz etwa ein Jahr vor dem gewünschten Beginn anmelden.', 'Im Herbst vor der Einschulung die Grundschulanmeldung beachten.', 'Für den offenen Ganztag und die Schülerfahrkosten rechtzeitig Anträge stellen.'],
    en: {
      title: 'School and childcare',
      summary: 'Nursery places, childminders, school registration, all-day care at primary schools and the journey to school.',
      description: 'From nursery to leaving school: how to register your child, what childcare costs and who pays for the journey to school.',
      tips: [
        'Apply for a nursery place about a year before you want it to start.',
        'In the autumn before your child starts school, look out for primary school registration.',
        'Apply in good time for all-day care (offener Ganztag) and for help with school travel costs.',
      ],
    },
  }),
  situation(100, true, {
    slug: 'aelter-werden',
    title: 'Älter werden',
    summary: 'Rente beantragen, Grundsicherung, Wohngeld, Schwerbehindertenausweis und Hilfe bei Online-Diensten.',
    description: 'Im Alter ändern sich Einkommen, Wohnen und Bedürfnisse. Das Versicherungsamt hilft beim Rentenantrag, das Amt für Soziales und Wohnen bei Grundsicherung und Wohngeld. Alle Leistungen erreichen Sie auch ohne Computer – am Telefon oder bei uns im Rathaus.',
    tips: ['Rentenantrag etwa drei Monate vor dem Rentenbeginn stellen.', 'Prüfen lassen, ob Ihnen Wohngeld oder Grundsicherung zusteht.', 'Bei Bedarf einen Schwerbehindertenausweis beantragen.'],
    en: {
      title: 'Growing older',
      summary: 'Applying for a pension, basic income support, housing benefit, a disability card and help with online services.',
      description:
        'In later life, income, housing and needs change. The insurance office (Versicherungsamt) helps with your pension application, and the office for social affairs and housing with basic income support and housing benefit. You can reach every service without a computer too – by phone or in person at the town hall.',
      tips: [
        'Apply for your pension about three months before it is due to start.',
        'Have us check whether you are entitled to housing benefit or basic income support.',
        'Apply for a severe disability card if you need one.',
      ],
    },
  }),
  situation(110, true, {
    slug: 'umsiedlung',
    title: 'Umsiedlung und Tagebau Garzweiler II',
    summary: 'Beratung für Menschen aus den Umsiedlungsorten und den erhaltenen Dörfern.',
    description:
      'Der Tagebau Garzweiler II hat den Osten von Erkelenz tief verändert. Pesch, Borschemich, Immerath und Lützerath gibt es nicht mehr; an neuen Standorten wie Immerath (neu) und Erkelenz-Nord sind Dörfer neu entstanden. Keyenberg, Kuckum, Berverath, Ober- und Unterwestrich bleiben nach den Entscheidungen von 2022 und 2023 erhalten. Die Stadt berät zu Umsiedlung, Rückkehr und der Zukunft der Dörfer.',
    tips: ['Beratungstermin bei der Stadtplanung vereinbaren.', 'Bei Fragen zu Entschädigung und Grundstücksgeschäften auch das Bergbauunternehmen und unabhängige Beratungsstellen ansprechen.', 'Über Bürgerbeteiligung zur Zukunft der Dörfer informieren.'],
    en: {
      title: 'Resettlement and the Garzweiler II open-cast mine',
      summary: 'Advice for people from the resettled villages and the villages that remain.',
      description:
        'The Garzweiler II open-cast lignite mine has changed the east of Erkelenz profoundly. Pesch, Borschemich, Immerath and Lützerath no longer exist; new villages have grown up at new sites such as Immerath (neu) and Erkelenz-Nord. Keyenberg, Kuckum, Berverath, Oberwestrich and Unterwestrich will remain, following the decisions of 2022 and 2023. The town gives advice on resettlement, returning and the future of the villages.',
      tips: [
        'Make an appointment for advice with the town planning office.',
        'For questions about compensation and property sales, also talk to the mining company and independent advice centres.',
        'Find out how you can take part in planning the future of the villages.',
      ],
    },
  }),
  situation(120, false, {
    slug: 'unterstuetzung',
    title: 'Finanzielle Unterstützung',
    summary: 'Wohngeld, Wohnberechtigungsschein, Grundsicherung sowie Bildung und Teilhabe.',
    description: 'Wenn das Einkommen knapp ist, gibt es Hilfen für Miete, Lebensunterhalt und die Teilhabe von Kindern. Wir beraten Sie, welche Leistung zu Ihnen passt.',
    tips: ['Unterlagen zu Einkommen und Miete bereitlegen.', 'Anträge früh stellen: Viele Leistungen gibt es erst ab dem Monat des Antrags.'],
    en: {
      title: 'Financial support',
      summary: 'Housing benefit, housing entitlement certificate, basic income support, and education and participation benefits for children.',
      description: 'If money is tight, there is help with rent, living costs and your children’s participation in school and social life. We can advise you which support suits you.',
      tips: ['Have documents about your income and rent to hand.', 'Apply early: many benefits are only paid from the month in which you apply.'],
    },
  }),
  situation(130, false, {
    slug: 'auto-verkehr',
    title: 'Auto und Verkehr',
    summary: 'Fahrzeug zulassen oder abmelden, Führerschein, Parken in der Bewohnerzone.',
    description: 'Fahrzeuge und Führerscheine sind Sache des Kreises Heinsberg; Bewohnerparkausweise und Halteverbote stellt die Stadt aus.',
    tips: ['Nach einem Umzug die Fahrzeugpapiere ändern lassen.', 'Den Pflichtumtausch alter Führerscheine im Blick behalten.'],
    en: {
      title: 'Cars and traffic',
      summary: 'Registering or deregistering a vehicle, driving licences, parking in a residents’ zone.',
      description: 'Vehicles and driving licences are handled by the district of Heinsberg (Kreis Heinsberg); residents’ parking permits and no-parking zones are issued by the town.',
      tips: ['After a move, have your vehicle documents updated.', 'Keep an eye on the deadline for exchanging old driving licences.'],
    },
  }),
];
