import { defineForm, type Option } from '#kernel/forms/index.ts';
import { logoTypes, maxLogoBytes } from '../logo.ts';
import { accessibilityFeatures, districts, domains, languages, providerKinds, targetGroups } from '../vocabulary.ts';

/*
 * The forms of proposing and moderating: the proposal anyone may send, the answer to a moderator's question,
 * and the note a moderator gives with a step. Labels of the fixed lists are the module's base texts.
 */

const options = (list: readonly string[], prefix: string): Option[] => list.map((value) => ({ value, label: `initiatives:${prefix}.${value}` }));
const districtOptions: Option[] = Object.entries(districts).map(([value]) => ({ value, label: `initiatives:moderation.districts.${value}` }));

/** Decimal degrees as people type them, with a point or a comma; the map's click writes them with a point. */
const coordinate = '^-?\\d{1,3}(?:[.,]\\d{1,6})?$';

/** The longest short description, so it fits a card of the directory. */
export const summaryMax = 300;

export const proposeForm = defineForm({
  id: 'initiatives.propose',
  once: true,
  fields: {
    name: { kind: 'text', label: 'initiatives:moderation.fields.name', required: true, maxLength: 150 },
    summary: { kind: 'textarea', label: 'initiatives:moderation.fields.summary', hint: 'initiatives:moderation.fields.summaryHint', required: true, maxLength: summaryMax },
    description: { kind: 'textarea', label: 'initiatives:moderation.fields.description', maxLength: 5000 },
    providerKind: { kind: 'choice', label: 'initiatives:moderation.fields.providerKind', required: true, options: options(providerKinds, 'providerKinds') },
    domains: {
      kind: 'choices',
      label: 'initiatives:moderation.fields.domains',
      hint: 'initiatives:moderation.fields.domainsHint',
      required: true,
      options: options(domains, 'domains'),
      messages: { required: 'initiatives:moderation.errors.domains' },
    },
    targetGroups: { kind: 'choices', label: 'initiatives:moderation.fields.targetGroups', options: options(targetGroups, 'targetGroups') },
    districts: { kind: 'choices', label: 'initiatives:moderation.fields.districts', hint: 'initiatives:moderation.fields.districtsHint', options: districtOptions },
    website: { kind: 'text', label: 'initiatives:moderation.fields.website', hint: 'initiatives:moderation.fields.websiteHint', maxLength: 500, autocomplete: 'url' },
    contactName: { kind: 'text', label: 'initiatives:moderation.fields.contactName', hint: 'initiatives:moderation.fields.publicHint', maxLength: 200 },
    contactEmail: { kind: 'email', label: 'initiatives:moderation.fields.contactEmail', hint: 'initiatives:moderation.fields.publicHint', maxLength: 254, autocomplete: 'off' },
    contactPhone: { kind: 'phone', label: 'initiatives:moderation.fields.contactPhone', hint: 'initiatives:moderation.fields.publicHint', autocomplete: 'off' },
    accessibility: { kind: 'choices', label: 'initiatives:moderation.fields.accessibility', options: options(accessibilityFeatures, 'accessibility') },
    accessibilityNote: { kind: 'textarea', label: 'initiatives:moderation.fields.accessibilityNote', maxLength: 1000 },
    languages: { kind: 'choices', label: 'initiatives:moderation.fields.languages', options: options(languages, 'languages') },
    meetingTimes: { kind: 'textarea', label: 'initiatives:moderation.fields.meetingTimes', hint: 'initiatives:moderation.fields.meetingTimesHint', maxLength: 1000 },
    address: { kind: 'text', label: 'initiatives:moderation.fields.address', hint: 'initiatives:moderation.fields.addressHint', maxLength: 300 },
    latitude: { kind: 'text', label: 'initiatives:moderation.fields.latitude', hint: 'initiatives:moderation.fields.coordinateHint', maxLength: 12, pattern: coordinate, messages: { pattern: 'initiatives:moderation.errors.coordinate' } },
    longitude: { kind: 'text', label: 'initiatives:moderation.fields.longitude', hint: 'initiatives:moderation.fields.longitudeHint', maxLength: 12, pattern: coordinate, messages: { pattern: 'initiatives:moderation.errors.coordinate' } },
    logo: { kind: 'file', label: 'initiatives:moderation.fields.logo', hint: 'initiatives:moderation.fields.logoHint', accept: logoTypes, maxBytes: maxLogoBytes },
    logoAlt: { kind: 'text', label: 'initiatives:moderation.fields.logoAlt', hint: 'initiatives:moderation.fields.logoAltHint', maxLength: 250 },
    proposerName: { kind: 'text', label: 'initiatives:moderation.fields.proposerName', hint: 'initiatives:moderation.fields.notPublicHint', required: true, maxLength: 200, autocomplete: 'name' },
    proposerEmail: { kind: 'email', label: 'initiatives:moderation.fields.proposerEmail', hint: 'initiatives:moderation.fields.proposerEmailHint', required: true, maxLength: 254, autocomplete: 'email' },
    consent: {
      kind: 'checkbox',
      label: 'initiatives:moderation.fields.consent',
      required: true,
      messages: { required: 'initiatives:moderation.errors.consent' },
    },
  },
});

export const answerForm = defineForm({
  id: 'initiatives.answer',
  fields: {
    answer: { kind: 'textarea', label: 'initiatives:moderation.answer.field', required: true, maxLength: 5000 },
  },
});
