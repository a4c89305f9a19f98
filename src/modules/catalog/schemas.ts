import Type, { type Static } from 'typebox';
import { channelKinds } from './schemas.content.ts';

/*
 * Addresses and forms of the catalogue's pages. Form fields are optional strings with a length limit and a
 * label (`title`, an i18n key) so the kernel can word a too-long entry; what they must contain is checked
 * by the forms and rules, which re-render the form with a message per field.
 */

const csrf = { _csrf: Type.Optional(Type.String()) };
const field = (title: string, maxLength = 300) => Type.Optional(Type.String({ maxLength, title }));
const long = (title: string) => field(title, 5000);

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
export type SlugParams = Static<typeof SlugParams>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type IdParams = Static<typeof IdParams>;

export const IndexQuery = Type.Object({
  lebenslage: Type.Optional(Type.String({ maxLength: 80 })),
  dienststelle: Type.Optional(Type.String({ maxLength: 80 })),
  seite: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  lang: Type.Optional(Type.String()),
});
export type IndexQuery = Static<typeof IndexQuery>;

export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) });
export type NoticeQuery = Static<typeof NoticeQuery>;

const common = {
  ...csrf,
  revision: Type.Optional(Type.String({ maxLength: 10 })),
  title: field('catalog:fields.title', 160),
  slug: field('catalog:fields.slug', 80),
  summary: field('catalog:fields.summary', 400),
  description: long('catalog:sections.description'),
};

const channelFields = Object.fromEntries(
  channelKinds.flatMap((kind) => [
    [`${kind}Target`, field(`catalog:channels.${kind}.target`, 500)],
    [`${kind}Instructions`, field(`catalog:channels.${kind}.instructions`, 1000)],
  ]),
);
const feeFields = Object.fromEntries(
  [1, 2, 3, 4].flatMap((row) => [
    [`fee${row}Label`, field('catalog:fields.feeLabel', 200)],
    [`fee${row}Amount`, field('catalog:fields.feeAmount', 20)],
  ]),
);

export const ServiceBody = Type.Object({
  ...common,
  leikaKey: field('catalog:fields.leikaKey', 40),
  eligibility: long('catalog:sections.eligibility'),
  requirements: long('catalog:sections.requirements'),
  documents: long('catalog:sections.documents'),
  feesNote: long('catalog:fields.feesNote'),
  deadlines: long('catalog:sections.deadlines'),
  processingTime: long('catalog:sections.processingTime'),
  legalBasis: long('catalog:sections.legalBasis'),
  notes: long('catalog:sections.notes'),
  appeal: long('catalog:sections.appeal'),
  officeId: field('catalog:fields.office', 40),
  lifeSituationIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, title: 'catalog:fields.situations' })),
  synonyms: long('catalog:fields.synonyms'),
  keywords: long('catalog:fields.keywords'),
  easyLanguage: long('catalog:fields.easyLanguage'),
  links: long('catalog:sections.links'),
  ...channelFields,
  ...feeFields,
});

const hourFields = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].flatMap((day) => [1, 2].flatMap((period) => [[`d${day}Opens${period}`, field('catalog:fields.opens', 5)], [`d${day}Closes${period}`, field('catalog:fields.closes', 5)]])),
);

export const OfficeBody = Type.Object({
  ...common,
  street: field('catalog:fields.street', 200),
  postalCode: field('catalog:fields.postalCode', 10),
  city: field('catalog:fields.city', 100),
  phone: field('catalog:fields.phone', 60),
  email: field('catalog:fields.email', 254),
  website: field('catalog:fields.website', 500),
  exceptions: long('catalog:fields.exceptions'),
  closedOnHolidays: field('catalog:fields.closedOnHolidays', 5),
  closingDays: long('catalog:fields.closingDays'),
  hoursNote: long('catalog:fields.hoursNote'),
  stepFree: field('catalog:accessibility.stepFree', 10),
  accessibleToilet: field('catalog:accessibility.accessibleToilet', 10),
  disabledParking: field('catalog:accessibility.disabledParking', 10),
  hearingLoop: field('catalog:accessibility.hearingLoop', 10),
  accessibilityNote: long('catalog:fields.accessibilityNote'),
  ...hourFields,
});

export const SituationBody = Type.Object({
  ...common,
  tips: long('catalog:fields.tips'),
  showOnHome: field('catalog:fields.showOnHome', 5),
  position: field('catalog:fields.position', 5),
});

export const ImportBody = Type.Object({ ...csrf, file: Type.Optional(Type.String({ maxLength: 20_000_000, title: 'catalog:transfer.file' })) });
export type ImportBody = Static<typeof ImportBody>;
