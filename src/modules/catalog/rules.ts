import type { FormErrors } from '#kernel/forms/index.ts';
import { normaliseEmail, slugOf } from '#kernel/text.ts';
import type { ChannelKind, Content, OfficeContent, ServiceContent, SituationContent } from './schemas.content.ts';
import type { EntryKind } from './tables.ts';

/*
 * The catalogue's rules that need no database: the form of a LeiKa key, of addresses and links, and what an
 * entry must contain before citizens may see it. Problems are reason codes by form field (the i18n keys of
 * their messages, `src/kernel/forms/README.md`), put into words by the route.
 */

/** What parseLeikaKey returns for input that is not a LeiKa key. */
export const invalidLeikaKey = Symbol('invalid LeiKa key');

/**
 * LeiKa keys have 14 digits: 99, then Leistungsgruppierung, Kennung, Verrichtung and Verrichtungsdetail
 * (three digits each). Spaces, dots and hyphens people copy along are dropped. Returns null for empty
 * input and `invalidLeikaKey` for anything that is not such a key.
 */
export function parseLeikaKey(raw: string | undefined | null): string | null | typeof invalidLeikaKey {
  const compact = (raw ?? '').replace(/[\s.\-–]/g, '');
  if (compact === '') return null;
  return /^99[0-9]{12}$/.test(compact) ? compact : invalidLeikaKey;
}

/** A slug is what follows /leistungen/ in the address: lower-case letters, digits and single hyphens. */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length >= 2 && value.length <= 80;
}

/** Turns a title into a slug proposal: "Hund anmelden (Hundesteuer)" → "hund-anmelden-hundesteuer". */
export function slugify(title: string): string {
  return slugOf(title, 80);
}

/** Links may point into the platform (`/leistungen/…`) or to the web over http(s); nothing else is followed. */
export function isLink(value: string): boolean {
  if (/^\/(?!\/)[^\s]*$/.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname) && !/\s/.test(value);
  } catch {
    return false;
  }
}

export function isPhoneNumber(value: string): boolean {
  return /^\+?[0-9 ()/\-–]{5,30}$/.test(value) && (value.match(/[0-9]/g)?.length ?? 0) >= 5;
}

/**
 * Whether a channel's target fits its kind. In person needs none (the office's address is shown), and an
 * appointment may be made without a booking page (by phone or at the counter, as its instructions say).
 */
export function channelTargetProblem(kind: ChannelKind, target: string): string | null {
  switch (kind) {
    case 'appointment':
      return target === '' || isLink(target) ? null : 'catalog:errors.channelLink';
    case 'online':
    case 'paper':
      return isLink(target) ? null : 'catalog:errors.channelLink';
    case 'phone':
      return isPhoneNumber(target) ? null : 'catalog:errors.channelPhone';
    case 'email':
      return normaliseEmail(target) ? null : 'catalog:errors.channelEmail';
    case 'inPerson':
      return null;
  }
}

const analogChannels: readonly ChannelKind[] = ['phone', 'email', 'paper', 'inPerson'];

function missing(errors: FormErrors, field: string, section: string) {
  errors[field] = { code: 'catalog:errors.missingSection', values: { section: { key: section } } };
}

/**
 * What a service must say before it is published: what it is, who may apply, the documents, the fees, the
 * legal basis, who is responsible, and at least one route without a computer ("analog always").
 * `section` values name the section headings' i18n keys, so the message names the section as the form does.
 */
function servicePublishProblems(content: ServiceContent): FormErrors {
  const errors: FormErrors = {};
  if (!content.summary.trim()) missing(errors, 'summary', 'catalog:fields.summary');
  if (!content.description.trim()) missing(errors, 'description', 'catalog:sections.description');
  if (!content.eligibility.trim()) missing(errors, 'eligibility', 'catalog:sections.eligibility');
  if (content.documents.length === 0) missing(errors, 'documents', 'catalog:sections.documents');
  if (content.fees.length === 0 && !content.feesNote.trim()) missing(errors, 'feesNote', 'catalog:sections.fees');
  if (content.legalBasis.length === 0) missing(errors, 'legalBasis', 'catalog:sections.legalBasis');
  if (!content.officeId) missing(errors, 'officeId', 'catalog:fields.office');
  if (!content.channels.some((channel) => analogChannels.includes(channel.kind))) errors.phoneTarget = { code: 'catalog:errors.analogChannel' };
  return errors;
}

function officePublishProblems(content: OfficeContent): FormErrors {
  const errors: FormErrors = {};
  if (!content.summary.trim()) missing(errors, 'summary', 'catalog:fields.summary');
  if (!content.street.trim()) missing(errors, 'street', 'catalog:fields.street');
  if (!content.postalCode.trim()) missing(errors, 'postalCode', 'catalog:fields.postalCode');
  if (!content.city.trim()) missing(errors, 'city', 'catalog:fields.city');
  if (!content.phone.trim() && !content.email.trim()) errors.phone = { code: 'catalog:errors.officeContact' };
  return errors;
}

function situationPublishProblems(content: SituationContent): FormErrors {
  const errors: FormErrors = {};
  if (!content.summary.trim()) missing(errors, 'summary', 'catalog:fields.summary');
  if (!content.description.trim()) missing(errors, 'description', 'catalog:fields.introduction');
  return errors;
}

export function publishProblems(kind: EntryKind, content: Content): FormErrors {
  switch (kind) {
    case 'service':
      return servicePublishProblems(content as ServiceContent);
    case 'office':
      return officePublishProblems(content as OfficeContent);
    case 'situation':
      return situationPublishProblems(content as SituationContent);
  }
}

/** Every link an entry contains, for the link checker. */
export function linksOf(kind: EntryKind, content: Content): string[] {
  if (kind === 'office') {
    const website = (content as OfficeContent).website;
    return website ? [website] : [];
  }
  if (kind !== 'service') return [];
  const service = content as ServiceContent;
  const fromChannels = service.channels.filter((channel) => ['online', 'appointment', 'paper'].includes(channel.kind) && channel.target !== '').map((channel) => channel.target);
  return [...new Set([...fromChannels, ...service.links.map((link) => link.url)])];
}

/** A German sort key: case and diacritics do not decide the order, so "Ämter" sorts with "A". */
export function sortKey(title: string): string {
  return title
    .toLocaleLowerCase('de-DE')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

const linkProblemKeys = new Set(['timeout', 'unreachable', 'invalid-url', 'blocked-scheme', 'blocked-port', 'blocked-address', 'too-large', 'too-many-redirects']);

/** The words for why the link checker could not reach a link (the kernel's outbound reasons); an unknown one reads as unreachable. */
export function linkProblemKey(problem: string | null): string {
  return `catalog:linkProblems.${problem && linkProblemKeys.has(problem) ? problem : 'unreachable'}`;
}
