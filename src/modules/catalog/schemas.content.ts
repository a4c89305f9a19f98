import Type, { type Static, type TSchema } from 'typebox';
import { namedDayIds } from '#kernel/holidays/rules.ts';
import { OfficeEnglish, ServiceEnglish, SituationEnglish } from './schemas.english.ts';

/*
 * What the catalogue stores for each entry, as JSON in the database and in the import/export format. The
 * service sections mirror the modules of a FIM/XZuFi service description (Leistungsbeschreibung), so the
 * texts can later be exchanged with the Land's editorial system. References between entries are ids in
 * the database and slugs in the exchange format, which has to survive a move to another installation.
 */

export const slugPattern = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const Slug = Type.String({ pattern: slugPattern, minLength: 2, maxLength: 80 });
const Line = (maxLength = 300) => Type.String({ maxLength });
const Text = Type.String({ maxLength: 5000 });
const Lines = (maxItems = 30) => Type.Array(Line(), { maxItems });

export const channelKinds = ['online', 'appointment', 'phone', 'email', 'paper', 'inPerson'] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const Channel = Type.Object({
  kind: Type.Union([Type.Literal('online'), Type.Literal('appointment'), Type.Literal('phone'), Type.Literal('email'), Type.Literal('paper'), Type.Literal('inPerson')]),
  /** Address of the online form, booking page or PDF; phone number; e-mail address; empty for in person. */
  target: Line(500),
  instructions: Type.String({ maxLength: 1000 }),
});
export type Channel = Static<typeof Channel>;

export const Fee = Type.Object({ label: Line(200), amountCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }) });
export type Fee = Static<typeof Fee>;

export const Link = Type.Object({ label: Line(200), url: Line(500) });
export type Link = Static<typeof Link>;

const serviceFields = {
  slug: Slug,
  title: Line(160),
  /** Leistungsschlüssel of the federal service catalogue (LeiKa), or null where none is known. */
  leikaKey: Type.Union([Type.String({ pattern: '^[0-9]{14}$' }), Type.Null()]),
  summary: Line(400),
  description: Text,
  eligibility: Text,
  requirements: Lines(),
  documents: Lines(),
  fees: Type.Array(Fee, { maxItems: 10 }),
  feesNote: Text,
  deadlines: Text,
  processingTime: Text,
  legalBasis: Lines(),
  notes: Text,
  appeal: Text,
  synonyms: Lines(40),
  keywords: Lines(40),
  easyLanguage: Text,
  channels: Type.Array(Channel, { maxItems: 12 }),
  links: Type.Array(Link, { maxItems: 20 }),
  /** English twins of the texts (schemas.english.ts); absent in content saved before they were asked for. */
  en: Type.Optional(ServiceEnglish),
};

export const ServiceContent = Type.Object({
  ...serviceFields,
  officeId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  lifeSituationIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 }),
});
export type ServiceContent = Static<typeof ServiceContent>;

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const OpeningPeriod = Type.Object({ day: Type.Integer({ minimum: 1, maximum: 7 }), opens: Time, closes: Time });
export type OpeningPeriod = Static<typeof OpeningPeriod>;
export const HoursException = Type.Object({
  date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  /** Periods open on that day instead of the usual ones; none means closed. */
  periods: Type.Array(Type.Object({ opens: Time, closes: Time }), { maxItems: 4 }),
  note: Line(200),
});
export type HoursException = Static<typeof HoursException>;

/**
 * A day the office closes every year or once although it is no public holiday: a named day the kernel
 * computes (`rosenmontag`), a day of every year (`12-24`) or one date (`2027-01-02`); all day, or from a time.
 */
export const ClosingDay = Type.Object({
  day: Type.String({ pattern: `^(?:${namedDayIds.join('|')}|[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2})$` }),
  from: Type.Optional(Time),
  note: Type.Optional(Line(200)),
});
export type ClosingDay = Static<typeof ClosingDay>;

const Accessible = Type.Union([Type.Boolean(), Type.Null()]);
export const OfficeContent = Type.Object({
  slug: Slug,
  title: Line(160),
  summary: Line(400),
  description: Text,
  street: Line(200),
  postalCode: Type.String({ maxLength: 10 }),
  city: Line(100),
  phone: Line(60),
  email: Line(254),
  website: Line(500),
  /** How to get there by bus and train; optional because offices saved before it was asked for have none. */
  publicTransport: Type.Optional(Text),
  hours: Type.Array(OpeningPeriod, { maxItems: 28 }),
  exceptions: Type.Array(HoursException, { maxItems: 100 }),
  /** Closed on the public holidays of the installation's state (`HOLIDAY_STATE`). */
  closedOnHolidays: Type.Boolean(),
  /** Optional because offices saved before closing days were asked for have none. */
  closingDays: Type.Optional(Type.Array(ClosingDay, { maxItems: 50 })),
  hoursNote: Text,
  stepFree: Accessible,
  accessibleToilet: Accessible,
  disabledParking: Accessible,
  hearingLoop: Accessible,
  accessibilityNote: Text,
  en: Type.Optional(OfficeEnglish),
});
export type OfficeContent = Static<typeof OfficeContent>;

export const SituationContent = Type.Object({
  slug: Slug,
  title: Line(160),
  summary: Line(400),
  description: Text,
  /** "Daran sollten Sie denken": steps in the order a person takes them. */
  tips: Lines(),
  showOnHome: Type.Boolean(),
  /** Position among life situations; lower comes first. */
  position: Type.Integer({ minimum: 0, maximum: 1000 }),
  en: Type.Optional(SituationEnglish),
});
export type SituationContent = Static<typeof SituationContent>;

export type Content = ServiceContent | OfficeContent | SituationContent;

/** A service as exchanged: references by slug. */
export const ExportedServiceContent = Type.Object({
  ...serviceFields,
  office: Type.Union([Slug, Type.Null()]),
  lifeSituations: Type.Array(Slug, { maxItems: 20 }),
});
export type ExportedServiceContent = Static<typeof ExportedServiceContent>;

const exported = <T extends TSchema>(content: T) =>
  Type.Object({
    demo: Type.Boolean(),
    /** The working copy editors see. */
    draft: content,
    /** What citizens see, or null while unpublished; may differ from the draft. */
    published: Type.Union([content, Type.Null()]),
  });

export const CatalogExport = Type.Object({
  format: Type.Literal('erkelenz-digital/catalog'),
  version: Type.Literal(1),
  exportedAt: Type.String({ maxLength: 40 }),
  offices: Type.Array(exported(OfficeContent), { maxItems: 10_000 }),
  lifeSituations: Type.Array(exported(SituationContent), { maxItems: 10_000 }),
  services: Type.Array(exported(ExportedServiceContent), { maxItems: 50_000 }),
});
export type CatalogExport = Static<typeof CatalogExport>;
