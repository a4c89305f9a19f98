import type { ServiceEnglish } from '../schemas.english.ts';

/*
 * English twins of the most-used services of the demo catalogue, by slug. German names of documents,
 * offices and laws stay beside their English description, because they are what a person will read on
 * the forms and on the office doors.
 */

const appeal =
  'You can challenge a decision in the way explained in the notice on legal remedies (Rechtsbehelfsbelehrung) at the end of the decision. In North Rhine-Westphalia this usually means taking the matter to the Administrative Court in Aachen within one month of receiving the decision. Do talk to us first: questions can often be settled without formal proceedings.';
const federalPortal = ['Description on the federal administration portal (in German)'];
const switchboard = 'Call the switchboard on 02431 85-0 and ask to be put through.';
const serviceportal = (what: string) =>
  `${what} on the town of Erkelenz’s service portal. You sign in with your BundID account; some applications need the online ID function of your identity card.`;
const digitalPhoto =
  'a recent biometric passport photo in digital form (since May 2025 only digital photos are accepted: sent by a certified photo studio or taken at the photo booth in the office)';

const buergerbuero = {
  appointment: 'With an appointment you are served first at the Bürgerbüro. Book yours online, at any time; if you prefer the phone, we make one with you on 02431 85-0 or at the Bürgerbüro.',
  email: 'Send us your question. Applications that need you to come in person can only be prepared by e-mail.',
  phone: 'The Bürgerbüro gives advice by phone, tells you which documents you need and makes an appointment with you. We can call you back if you like.',
  inPerson: 'Come to the Bürgerbüro in the town hall, with or without an appointment. Without one you may have to wait.',
};
const ordnungsamt = {
  email: 'Send us your application or your question with the documents attached.',
  phone: `The public order office (Ordnungsamt) gives advice by phone. ${switchboard}`,
  inPerson: 'At the public order office (Ordnungsamt) in the town hall, during opening hours or by appointment.',
};
const steueramt = {
  email: 'Write to us; you will receive a notice by post.',
  phone: `The town’s tax office (Steueramt) answers your questions by phone. ${switchboard}`,
  inPerson: 'At the town’s tax office (Steueramt) in the town hall.',
};
const standesamt = {
  email: 'Tell us what you are planning. We will reply with the documents you need in your case.',
  phone: `The register office (Standesamt) gives advice by phone. ${switchboard}`,
  inPerson: 'At the register office (Standesamt) in the town hall, ideally with an appointment.',
};
const abfallberatung = { inPerson: 'At the waste advice service (Abfallberatung) in the town hall.' };

export const englishServices: Record<string, ServiceEnglish> = {
  'personalausweis-beantragen': {
    title: 'Apply for an identity card (Personalausweis)',
    summary: 'You apply for a German identity card in person at the Bürgerbüro, the citizens’ office. It is made by the Federal Printing Office and is ready to collect after a few weeks.',
    description:
      'The identity card proves who you are in Germany and is a travel document within the European Union and some other countries. Its chip carries the online ID function, which lets you prove your identity to public authorities and companies on the internet.\n\nYour fingerprints and signature are taken when you apply, so you have to come to the Bürgerbüro in person.',
    eligibility:
      'Every German aged 16 or over whose main residence is registered in Erkelenz must hold a valid identity card or passport. Children can have an identity card too if their parents wish; the people with parental responsibility apply for it.',
    requirements: ['You are a German citizen.', 'You are registered as living in Erkelenz.', 'You come in person; children under 16 come with the people who have parental responsibility.'],
    documents: ['your current identity card or passport', digitalPhoto, 'if this is your first card: your birth or marriage certificate', 'for children: the consent of everyone with parental responsibility'],
    feeLabels: ['Identity card, aged 24 or over', 'Identity card, under 24'],
    feesNote: 'You pay when you apply.',
    processingTime: 'Usually three to four weeks. You will get a letter with your PIN; after that you can collect the card.',
    legalBasis: ['Identity Card Act (Personalausweisgesetz, PAuswG)', 'Identity Card Regulation (Personalausweisverordnung, PAuswV)'],
    notes: 'If you need a document at short notice, we can issue a temporary identity card. Someone else can collect your new card for you if you give them written authorisation.',
    appeal,
    linkLabels: federalPortal,
    channelInstructions: buergerbuero,
  },
  'vorlaeufiger-personalausweis': {
    title: 'Apply for a temporary identity card',
    summary: 'If you need an identity document at short notice, you get a temporary paper identity card straight away.',
    description: 'The temporary identity card is issued on the spot and is valid for up to three months. It has no online ID function, and not every country accepts it as a travel document.',
    eligibility: 'Everyone who can apply for an identity card and needs a document at short notice.',
    documents: ['your current identity card or passport, if you have one', digitalPhoto],
    feeLabels: ['Temporary identity card'],
    processingTime: 'Issued while you are there.',
    legalBasis: ['Identity Card Act (Personalausweisgesetz, PAuswG), section 3'],
    appeal,
    channelInstructions: buergerbuero,
  },
  'personalausweis-verlust-melden': {
    title: 'Report a lost identity card or passport',
    summary: 'If your identity card or passport is lost or stolen, report it straight away so that nobody can misuse it.',
    description:
      'We record the card or passport as lost, and it can no longer be used. You can also block the online ID function at any time of day or night on the emergency blocking line 116 116.\n\nYou apply for a new identity card or passport at the Bürgerbüro as usual; if you need a document at once, we can issue a temporary identity card.',
    eligibility: 'The holder of the document; for children, the people with parental responsibility.',
    documents: ['another identity document, if you have one', 'if it was stolen: the police report, if you have one'],
    feesNote: 'Reporting the loss is free of charge. The usual fees apply to the new document.',
    deadlines: 'As soon as you notice the loss.',
    legalBasis: ['Identity Card Act (Personalausweisgesetz, PAuswG), section 27', 'Passport Act (Passgesetz, PassG), section 15'],
    notes: 'If the document turns up again, please bring it to the Bürgerbüro; it stays invalid.',
    appeal,
    channelInstructions: buergerbuero,
  },
  'reisepass-beantragen': {
    title: 'Apply for a passport (Reisepass)',
    summary: 'For travel outside the European Union you usually need a passport. You apply for it in person at the Bürgerbüro.',
    description:
      'The passport is the internationally recognised travel document. It is made by the Federal Printing Office; with the express service it arrives within a few working days.\n\nChildren’s passports (Kinderreisepass) are no longer issued since 2024; children now get an electronic passport too.',
    eligibility: 'All Germans registered in Erkelenz, including children. For anyone under 18, the people with parental responsibility apply.',
    documents: ['your current passport or identity card', digitalPhoto, 'for anyone under 18: the consent of everyone with parental responsibility, and their identity documents'],
    feeLabels: ['Passport, aged 24 or over', 'Passport, under 24', 'Surcharge for the express service'],
    processingTime: 'Usually three to four weeks; a few working days with the express service.',
    legalBasis: ['Passport Act (Passgesetz, PassG)', 'Passport Regulation (Passverordnung, PassV)'],
    appeal,
    channelInstructions: buergerbuero,
  },
  'wohnsitz-anmelden': {
    title: 'Register your address (Anmeldung)',
    summary: 'If you move to Erkelenz or move house within the town, you register your new address within two weeks of moving in.',
    description:
      'When you register, we enter your new address in the population register. If you move within Erkelenz, this is called a change of address (Ummeldung) – the procedure is the same. Your new address is added to your identity card at the same time.',
    eligibility: 'Everyone who moves into a home in Erkelenz. You can send someone else with your written authorisation.',
    documents: [
      'the identity card or passport of everyone who is moving',
      'the landlord’s confirmation (Wohnungsgeberbestätigung), filled in by your landlord or the owner',
      'if someone registers for you: your written authorisation and their identity document',
    ],
    feesNote: 'Registering is free of charge.',
    deadlines: 'Within two weeks of moving in. Missing the deadline is an administrative offence.',
    processingTime: 'Done while you are there.',
    legalBasis: ['Federal Registration Act (Bundesmeldegesetz, BMG), sections 17 and 19'],
    appeal,
    linkLabels: federalPortal,
    channelInstructions: buergerbuero,
  },
  'wohnsitz-abmelden': {
    title: 'Deregister your address (Abmeldung)',
    summary: 'You only need to deregister if you move abroad or give up a second home.',
    description:
      'If you move within Germany, you only register at your new home; you are then deregistered in Erkelenz automatically. If you move abroad or give up a second home, deregister with us.',
    eligibility: 'Everyone who moves abroad or gives up a second home in Erkelenz.',
    documents: ['your identity card or passport', 'if you deregister by post: a signed letter and a copy of your identity document'],
    feesNote: 'Deregistering is free of charge.',
    deadlines: 'Within two weeks of moving out; at the earliest one week before.',
    legalBasis: ['Federal Registration Act (Bundesmeldegesetz, BMG), section 17(2)'],
    appeal,
    channelInstructions: buergerbuero,
  },
  'fuehrungszeugnis-beantragen': {
    title: 'Apply for a certificate of good conduct (Führungszeugnis)',
    summary:
      'A certificate of good conduct shows whether there are any entries about you in the Federal Central Criminal Register. You apply for it online at the Federal Office of Justice or at the Bürgerbüro.',
    description:
      'Employers and clubs often ask for one; for work with children and young people you need an enhanced certificate (erweitertes Führungszeugnis). It is issued by the Federal Office of Justice and sent by post to you or straight to a public authority.',
    eligibility: 'Anyone aged 14 or over, for themselves.',
    documents: ['your identity card or passport', 'for an enhanced certificate: the written request from the organisation that asks for it'],
    feeLabels: ['Certificate of good conduct'],
    feesNote: 'The fee can be waived for voluntary work; bring a confirmation from the organisation.',
    processingTime: 'Usually one to two weeks after you apply.',
    legalBasis: ['Federal Central Criminal Register Act (Bundeszentralregistergesetz, BZRG), sections 30 and 30a'],
    appeal,
    linkLabels: federalPortal,
    channelInstructions: {
      ...buergerbuero,
      online: 'Apply at any time at the Federal Office of Justice, using the online ID function of your identity card.',
    },
  },
  'hund-anmelden': {
    title: 'Register a dog (dog tax)',
    summary: 'If you keep a dog in Erkelenz, you register it for dog tax and receive a tax tag.',
    description:
      'Dog tax is a municipal tax. Once you have registered, you receive a tax notice and the dog tax tag, which your dog must wear where it can be seen whenever it is outside your home. Assistance dogs and some other cases qualify for a lower rate or an exemption if you apply for it.',
    eligibility: 'Everyone who keeps a dog in Erkelenz, even if they are only looking after it.',
    documents: [
      'details of the dog: breed, date of birth and when you started keeping it',
      'for large dogs: the evidence the State Dog Act (Landeshundegesetz) asks for',
      'for a lower rate: evidence, for example that it is an assistance dog',
    ],
    feesNote: 'The amount of dog tax is set by the town’s dog tax bylaw (Hundesteuersatzung); it is higher for a second and every further dog.',
    deadlines: 'Within two weeks of getting the dog or of moving to Erkelenz.',
    legalBasis: ['Municipal Charges Act of North Rhine-Westphalia (Kommunalabgabengesetz, KAG NRW), section 3', 'Dog tax bylaw of the town of Erkelenz (Hundesteuersatzung)'],
    appeal,
    linkLabels: federalPortal,
    channelInstructions: { ...steueramt, online: serviceportal('Register your dog') },
  },
  'hund-abmelden': {
    title: 'Deregister a dog',
    summary: 'If you give your dog away, move away or your dog has died, deregister it.',
    description: 'Dog tax ends at the end of the month in which you deregister. Please return the dog tax tag.',
    eligibility: 'Owners of a registered dog, or their relatives.',
    documents: ['the dog tax tag', 'if you gave the dog away: the name and address of the new owner', 'if the dog has died: a certificate from the vet, if you have one'],
    feesNote: 'Deregistering is free of charge.',
    deadlines: 'Within two weeks.',
    legalBasis: ['Dog tax bylaw of the town of Erkelenz (Hundesteuersatzung)'],
    appeal,
    channelInstructions: { ...steueramt, online: serviceportal('Deregister your dog') },
  },
  bewohnerparkausweis: {
    title: 'Apply for a residents’ parking permit',
    summary: 'In streets with residents’ parking, people who live there may park with a permit.',
    description: 'The residents’ parking permit is valid in the zone where you live and for one particular vehicle. It does not guarantee you a free space.',
    eligibility: 'People whose main residence is in a residents’ parking zone and who keep a vehicle or use one permanently.',
    documents: [
      'your identity card or passport',
      'the vehicle registration certificate part I (Zulassungsbescheinigung Teil I)',
      'for a company car or a borrowed vehicle: a confirmation from the vehicle’s registered keeper',
    ],
    feesNote: 'The fee is set by the fee schedule for residents’ parking permits.',
    processingTime: 'Issued while you are there; a few days by post.',
    legalBasis: ['Road Traffic Regulations (Straßenverkehrs-Ordnung, StVO), section 45(1b)'],
    appeal,
    linkLabels: federalPortal,
    channelInstructions: ordnungsamt,
  },
  geburtsurkunde: {
    title: 'Apply for a birth certificate',
    summary: 'You get a birth certificate from the register office (Standesamt) of the place where you were born.',
    description:
      'You need a birth certificate, for example, to get married, for your first identity card or for pension matters. For births in Erkelenz, the Erkelenz register office issues it, also as an international certificate.',
    eligibility: 'The person themselves, their parents, children, spouse and siblings, and anyone with a legitimate interest or written authorisation.',
    documents: ['your identity card or passport', 'if you apply for someone else: their written authorisation'],
    feeLabels: ['Certificate', 'each further copy of the same certificate, ordered at the same time'],
    processingTime: 'Certificates ordered online or by e-mail are sent by post within a few days.',
    legalBasis: ['Civil Status Act (Personenstandsgesetz, PStG), sections 55 and 62'],
    appeal,
    linkLabels: federalPortal,
    channelInstructions: { ...standesamt, online: serviceportal('Order the certificate') },
  },
  sperrmuell: {
    title: 'Book a bulky waste collection (Sperrmüll)',
    summary: 'Furniture and other bulky household items are collected by the refuse service once you have booked a collection.',
    description:
      'You are given a collection date and put the items out at the roadside the evening before. Electrical appliances, building rubble and hazardous waste do not belong in bulky waste.',
    eligibility: 'Households in Erkelenz that use the town’s refuse collection.',
    documents: ['your address and a list of the items'],
    feesNote: 'Whether there is a charge, and how much it is, is set by the town’s waste charges bylaw (Abfallgebührensatzung).',
    legalBasis: ['Circular Economy Act (Kreislaufwirtschaftsgesetz, KrWG)', 'Waste bylaw of the town of Erkelenz (Abfallsatzung)'],
    appeal,
    channelInstructions: {
      ...abfallberatung,
      email: 'Tell us your address and the items; we will send you the collection date.',
      phone: 'The waste advice service takes your booking by phone.',
    },
  },
  abfallbehaelter: {
    title: 'Order or change your bins',
    summary: 'Moving in, moving house or more rubbish than before: order bins or change their size.',
    description:
      'Every home needs bins for general waste, food and garden waste, and paper; packaging goes in the yellow bin. The charges depend on the size and number of bins.\n\nThe waste calendar (Abfallkalender) shows when your bins are emptied. The waste advice service can also tell you the collection dates for your street by phone.',
    eligibility: 'Owners of property in Erkelenz, or people they have authorised.',
    documents: ['the address of the property', 'which bins you want, and in which sizes'],
    feesNote: 'Waste charges are set by the town’s waste charges bylaw (Abfallgebührensatzung); you will find them on your property charges notice (Grundbesitzabgabenbescheid).',
    legalBasis: ['Circular Economy Act of North Rhine-Westphalia (Landeskreislaufwirtschaftsgesetz, LKrWG)', 'Waste bylaw of the town of Erkelenz (Abfallsatzung)'],
    appeal,
    channelInstructions: {
      ...abfallberatung,
      email: 'Write and tell us which bins you need.',
      phone: 'The waste advice service takes your order by phone.',
    },
  },
};
