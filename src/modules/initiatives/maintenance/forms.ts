import { defineForm, type Option } from '#kernel/forms/index.ts';
import { accessibilityFeatures, districtKeys, domains, languages, providerKinds, targetGroups } from '../vocabulary.ts';

/*
 * The forms a maintainer fills in: the address a link is mailed to, the entry's public fields, an event
 * entered directly, a feed's address and a further maintainer. Field names differ between the forms that
 * share the entry's page, so no two inputs of one page carry the same id.
 */

const options = (values: readonly string[], prefix: string): Option[] => values.map((value) => ({ value, label: `${prefix}.${value}` }));
// District names are proper names; the texts repeat the vocabulary's names under the district's key.
const districtOptions: Option[] = districtKeys.map((key) => ({ value: key, label: `initiatives:maintenance.districtName.${key}` }));

export const linkRequestForm = defineForm({
  id: 'initiatives.maintenance.link',
  fields: {
    email: { kind: 'email', label: 'initiatives:maintenance.request.email', hint: 'initiatives:maintenance.request.emailHint', required: true, maxLength: 254, autocomplete: 'email' },
  },
});

/** Decimal degrees as people type them, with a point or a comma. */
const coordinate = '^-?\\d{1,3}(?:[.,]\\d{1,6})?$';

export const entryForm = defineForm({
  id: 'initiatives.maintenance.entry',
  fields: {
    name: { kind: 'text', label: 'initiatives:maintenance.entry.name', required: true, maxLength: 160 },
    summary: { kind: 'text', label: 'initiatives:maintenance.entry.summary', hint: 'initiatives:maintenance.entry.summaryHint', required: true, maxLength: 300 },
    description: { kind: 'textarea', label: 'initiatives:maintenance.entry.description', maxLength: 5000 },
    providerKind: { kind: 'choice', label: 'initiatives:maintenance.entry.providerKind', required: true, widget: 'select', options: options(providerKinds, 'initiatives:providerKinds') },
    domains: { kind: 'choices', label: 'initiatives:maintenance.entry.domains', required: true, options: options(domains, 'initiatives:domains') },
    targetGroups: { kind: 'choices', label: 'initiatives:maintenance.entry.targetGroups', options: options(targetGroups, 'initiatives:targetGroups') },
    districts: { kind: 'choices', label: 'initiatives:maintenance.entry.districts', hint: 'initiatives:maintenance.entry.districtsHint', options: districtOptions },
    contactName: { kind: 'text', label: 'initiatives:maintenance.entry.contactName', maxLength: 200 },
    contactEmail: { kind: 'email', label: 'initiatives:maintenance.entry.contactEmail', maxLength: 254 },
    contactPhone: { kind: 'phone', label: 'initiatives:maintenance.entry.contactPhone', autocomplete: 'off' },
    website: { kind: 'text', label: 'initiatives:maintenance.entry.website', hint: 'initiatives:maintenance.entry.websiteHint', maxLength: 500, pattern: '^https?://\\S+$', messages: { pattern: 'initiatives:maintenance.errors.url' } },
    accessibility: { kind: 'choices', label: 'initiatives:maintenance.entry.accessibility', options: options(accessibilityFeatures, 'initiatives:accessibility') },
    accessibilityNote: { kind: 'textarea', label: 'initiatives:maintenance.entry.accessibilityNote', maxLength: 1000 },
    languages: { kind: 'choices', label: 'initiatives:maintenance.entry.languages', options: options(languages, 'initiatives:languages') },
    meetingTimes: { kind: 'textarea', label: 'initiatives:maintenance.entry.meetingTimes', hint: 'initiatives:maintenance.entry.meetingTimesHint', maxLength: 1000 },
    address: { kind: 'text', label: 'initiatives:maintenance.entry.address', maxLength: 300 },
    latitude: { kind: 'text', label: 'initiatives:maintenance.entry.latitude', hint: 'initiatives:maintenance.entry.coordinateHint', maxLength: 12, pattern: coordinate, messages: { pattern: 'initiatives:maintenance.errors.coordinate' } },
    longitude: { kind: 'text', label: 'initiatives:maintenance.entry.longitude', hint: 'initiatives:maintenance.entry.coordinateHint', maxLength: 12, pattern: coordinate, messages: { pattern: 'initiatives:maintenance.errors.coordinate' } },
  },
});

export const repeatOptions = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export type Repeat = (typeof repeatOptions)[number];

export const eventForm = defineForm({
  id: 'initiatives.maintenance.event',
  fields: {
    title: { kind: 'text', label: 'initiatives:maintenance.event.title', required: true, maxLength: 200 },
    description: { kind: 'textarea', label: 'initiatives:maintenance.event.description', maxLength: 5000 },
    day: { kind: 'date', label: 'initiatives:maintenance.event.day', required: true },
    startTime: { kind: 'time', label: 'initiatives:maintenance.event.startTime', required: true },
    endTime: { kind: 'time', label: 'initiatives:maintenance.event.endTime', required: true },
    location: { kind: 'text', label: 'initiatives:maintenance.event.location', maxLength: 300 },
    district: { kind: 'choice', label: 'initiatives:maintenance.event.district', widget: 'select', options: districtOptions },
    accessibility: { kind: 'choices', label: 'initiatives:maintenance.event.accessibility', options: options(accessibilityFeatures, 'initiatives:accessibility') },
    url: { kind: 'text', label: 'initiatives:maintenance.event.url', maxLength: 500, pattern: '^https?://\\S+$', messages: { pattern: 'initiatives:maintenance.errors.url' } },
    repeat: { kind: 'choice', label: 'initiatives:maintenance.event.repeat', required: true, options: options(repeatOptions, 'initiatives:maintenance.event.repeats') },
    lastDay: { kind: 'date', label: 'initiatives:maintenance.event.lastDay', hint: 'initiatives:maintenance.event.lastDayHint' },
    skipDays: { kind: 'lines', label: 'initiatives:maintenance.event.skipDays', hint: 'initiatives:maintenance.event.skipDaysHint', maxItems: 100, maxLength: 2000 },
  },
});

export const feedForm = defineForm({
  id: 'initiatives.maintenance.feed',
  fields: {
    feedUrl: { kind: 'text', label: 'initiatives:maintenance.feed.url', hint: 'initiatives:maintenance.feed.urlHint', required: true, maxLength: 1000, pattern: '^https?://\\S+$', messages: { pattern: 'initiatives:maintenance.errors.url' } },
  },
});

export const maintainerForm = defineForm({
  id: 'initiatives.maintenance.maintainer',
  fields: {
    maintainerName: { kind: 'text', label: 'initiatives:maintenance.maintainers.name', required: true, maxLength: 200 },
    maintainerEmail: { kind: 'email', label: 'initiatives:maintenance.maintainers.email', required: true, maxLength: 254 },
  },
});
