import { defineForm, type Option } from '#kernel/forms/index.ts';
import { proposeForm } from '../moderation/forms.ts';
import { accessibilityFeatures, districtKeys } from '../vocabulary.ts';

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

// The proposal's own fields, so an entry is kept with the same labels and limits it was proposed with; only
// who proposed it and their consent are left out, and a way to remove the logo follows its description.
const { proposerName: _name, proposerEmail: _email, consent: _consent, logoAlt, ...proposedFields } = proposeForm.fields;

export const entryForm = defineForm({
  id: 'initiatives.maintenance.entry',
  fields: {
    ...proposedFields,
    logoAlt,
    removeLogo: { kind: 'checkbox', label: 'initiatives:maintenance.entry.removeLogo' },
  },
});

export const repeatOptions = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export type Repeat = (typeof repeatOptions)[number];

export const eventForm = defineForm({
  id: 'initiatives.maintenance.event',
  // A new event is created once, however often the form is sent (a double click, back and send again).
  once: true,
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
