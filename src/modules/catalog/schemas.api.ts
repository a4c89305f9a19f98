import Type, { type Static, type TSchema } from 'typebox';
import { Channel, ClosingDay, Fee, HoursException, Link, OpeningPeriod } from './schemas.content.ts';

/*
 * The catalogue's JSON API (/api/v1/…). Every response is described here; Fastify serialises through these
 * schemas, so a field not named here never leaves the server, and the OpenAPI description is generated
 * from them.
 */

export const ListQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'Page number, from 1' }),
  perPage: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Entries per page, at most 100' }),
  lifeSituation: Type.Optional(Type.String({ maxLength: 80, description: 'Slug of a life situation' })),
  office: Type.Optional(Type.String({ maxLength: 80, description: 'Slug of an office' })),
});
export type ListQuery = Static<typeof ListQuery>;

export const SlugParam = Type.Object({ slug: Type.String({ maxLength: 200 }) });

const Reference = Type.Object({ slug: Type.String(), title: Type.String(), url: Type.String() });

export const ServiceSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  leikaKey: Type.Union([Type.String(), Type.Null()], { description: 'LeiKa Leistungsschlüssel (14 digits), null where none is known' }),
  url: Type.String({ description: 'The service page for people' }),
});
export type ServiceSummary = Static<typeof ServiceSummary>;

export const ServiceDetail = Type.Object({
  ...ServiceSummary.properties,
  description: Type.String(),
  eligibility: Type.String(),
  requirements: Type.Array(Type.String()),
  documents: Type.Array(Type.String()),
  fees: Type.Array(Fee),
  feesNote: Type.String(),
  deadlines: Type.String(),
  processingTime: Type.String(),
  legalBasis: Type.Array(Type.String()),
  notes: Type.String(),
  appeal: Type.String(),
  easyLanguage: Type.String({ description: 'Summary in Leichte Sprache, empty where none is written' }),
  synonyms: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
  channels: Type.Array(Channel, { description: 'Every route to the service: online, appointment, e-mail, phone, paper form, in person' }),
  links: Type.Array(Link),
  office: Type.Union([Reference, Type.Null()]),
  lifeSituations: Type.Array(Reference),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ServiceDetail = Static<typeof ServiceDetail>;

export const OpeningStatus = Type.Object({
  open: Type.Boolean(),
  closesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  opensAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Next opening; null while open or when none is within a month' }),
});

export const OfficeSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  address: Type.Object({ street: Type.String(), postalCode: Type.String(), city: Type.String() }),
  phone: Type.String(),
  email: Type.String(),
  url: Type.String(),
  status: OpeningStatus,
});
export type OfficeSummary = Static<typeof OfficeSummary>;

const Accessible = Type.Union([Type.Boolean(), Type.Null()], { description: 'null: not known' });
export const OfficeDetail = Type.Object({
  ...OfficeSummary.properties,
  description: Type.String(),
  website: Type.String(),
  hours: Type.Array(OpeningPeriod, { description: 'Weekly hours; day 1 = Monday, local time Europe/Berlin' }),
  exceptions: Type.Array(HoursException),
  closedOnHolidays: Type.Boolean({ description: 'Closed on the public holidays of the state in holidayState' }),
  holidayState: Type.String({ description: 'The state whose public holidays apply, as its code (NW = Nordrhein-Westfalen)' }),
  closingDays: Type.Array(ClosingDay, {
    description: 'Days the office closes although they are no public holiday: a named day (rosenmontag), a day of every year (MM-DD) or one date (YYYY-MM-DD); from: closed from that time on',
  }),
  hoursNote: Type.String(),
  accessibility: Type.Object({ stepFree: Accessible, accessibleToilet: Accessible, disabledParking: Accessible, hearingLoop: Accessible, note: Type.String() }),
  services: Type.Array(Reference),
});
export type OfficeDetail = Static<typeof OfficeDetail>;

export const SituationSummary = Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), title: Type.String(), summary: Type.String(), url: Type.String() });
export const SituationDetail = Type.Object({ ...SituationSummary.properties, description: Type.String(), tips: Type.Array(Type.String()), services: Type.Array(Reference) });

export const page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), perPage: Type.Integer(), total: Type.Integer() });

export const ImportResponse = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });
