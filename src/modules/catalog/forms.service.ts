import { withoutControlCharacters } from '#kernel/search.ts';
import { channelKinds, type Channel, type ChannelKind, type Fee, type Link, type ServiceContent } from './schemas.content.ts';
import { channelTargetProblem, invalidLeikaKey, isLink, parseLeikaKey, type RuleErrors } from './rules.ts';
import { english, englishFormValues, englishTexts, withEnglish } from './forms.english.ts';
import type { ServiceEnglish } from './schemas.english.ts';

/*
 * The service form is flat (one field per input, so it works without JavaScript and every field can carry
 * its own error); the stored content is structured. These functions translate between the two.
 */

export type FormValues = Record<string, string | string[] | undefined>;

export const feeRows = 4;

export function text(values: FormValues, name: string): string {
  const value = values[name];
  return withoutControlCharacters(typeof value === 'string' ? value : '').replace(/\r\n/g, '\n').trim();
}

export function list(values: FormValues, name: string): string[] {
  const value = values[name];
  return (Array.isArray(value) ? value : value ? [value] : []).filter((item) => item !== '');
}

/** One entry per line; blank lines and list bullets people paste along are dropped. */
export function lines(values: FormValues, name: string): string[] {
  return text(values, name)
    .split('\n')
    .map((line) => line.replace(/^\s*[-•*]\s+/, '').trim())
    .filter(Boolean);
}

/** Comma- or line-separated terms (synonyms, keywords). */
export function terms(values: FormValues, name: string): string[] {
  return [...new Set(text(values, name).split(/[,\n]/).map((term) => term.trim()).filter(Boolean))];
}

/** "46,00", "46", "1.234,50 €" → cents; null when it is not an amount. */
export function parseEuros(raw: string): number | null {
  let value = raw.replace(/[\s€]/g, '').replace(/EUR$/i, '');
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  if (!/^[0-9]{1,7}(\.[0-9]{1,2})?$/.test(value)) return null;
  return Math.round(Number(value) * 100);
}

export function formatEuros(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/** The fees, and their English labels position by position. */
function parseFees(values: FormValues, errors: RuleErrors): { fees: Fee[]; labels: string[] } {
  const fees: Fee[] = [];
  const labels: string[] = [];
  for (let row = 1; row <= feeRows; row += 1) {
    const label = text(values, `fee${row}Label`);
    const amount = text(values, `fee${row}Amount`);
    const englishLabel = text(values, english(`fee${row}Label`));
    if (!label && !amount && !englishLabel) continue;
    const cents = parseEuros(amount);
    if (!label) errors[`fee${row}Label`] = { key: 'catalog:errors.feeLabel' };
    if (cents === null) errors[`fee${row}Amount`] = { key: 'catalog:errors.feeAmount' };
    if (label && cents !== null) {
      fees.push({ label, amountCents: cents });
      labels.push(englishLabel);
    }
  }
  return { fees, labels };
}

/** "Label | https://…" per line, or just the address. */
function parseLinks(values: FormValues, errors: RuleErrors): Link[] {
  const links: Link[] = [];
  for (const [index, line] of lines(values, 'links').entries()) {
    const [first = '', second] = line.split('|').map((part) => part.trim());
    const link = second === undefined ? { label: first, url: first } : { label: first || second, url: second };
    if (!isLink(link.url)) errors.links ??= { key: 'catalog:errors.linkLine', values: { line: String(index + 1) } };
    else links.push(link);
  }
  return links;
}

/**
 * English link labels as "label | address", the address one of the links': matched by address, so a label
 * cannot slip onto the wrong link when the German list changes order.
 */
function parseLinkLabels(values: FormValues, links: readonly Link[], errors: RuleErrors): string[] {
  const labels = links.map(() => '');
  for (const [index, line] of lines(values, english('links')).entries()) {
    const [label = '', url = ''] = line.split('|').map((part) => part.trim());
    const position = links.findIndex((link) => link.url === url);
    if (!label || position < 0) errors[english('links')] ??= { key: 'catalog:errors.englishLinkLine', values: { line: String(index + 1) } };
    else labels[position] = label;
  }
  return labels;
}

function parseChannels(values: FormValues, errors: RuleErrors): { channels: Channel[]; instructions: Partial<Record<ChannelKind, string>> } {
  const channels: Channel[] = [];
  const inEnglish: Partial<Record<ChannelKind, string>> = {};
  for (const kind of channelKinds) {
    const target = text(values, `${kind}Target`);
    const instructions = text(values, `${kind}Instructions`);
    const englishInstructions = text(values, english(`${kind}Instructions`));
    if (!target && !instructions) {
      // An English text needs the German route it translates; dropping it silently would lose what was typed.
      if (englishInstructions) errors[english(`${kind}Instructions`)] = { key: 'catalog:errors.englishWithoutGerman' };
      continue;
    }
    const problem = channelTargetProblem(kind, target);
    if (problem) errors[`${kind}Target`] = { key: problem };
    else channels.push({ kind, target, instructions });
    if (englishInstructions) inEnglish[kind] = englishInstructions;
  }
  return { channels, instructions: inEnglish };
}

const englishServiceTexts = ['title', 'summary', 'description', 'eligibility', 'feesNote', 'deadlines', 'processingTime', 'notes', 'appeal'] as const;
const englishServiceLists = ['requirements', 'documents', 'legalBasis'] as const;

function serviceEnglish(values: FormValues, feeLabels: string[], linkLabels: string[], instructions: Partial<Record<ChannelKind, string>>): ServiceEnglish {
  return {
    ...englishTexts(values, englishServiceTexts, englishServiceLists),
    ...(feeLabels.some(Boolean) ? { feeLabels } : {}),
    ...(linkLabels.some(Boolean) ? { linkLabels } : {}),
    ...(Object.keys(instructions).length > 0 ? { channelInstructions: instructions } : {}),
  };
}

export function parseServiceForm(values: FormValues): { content: ServiceContent; errors: RuleErrors } {
  const errors: RuleErrors = {};
  const leika = parseLeikaKey(text(values, 'leikaKey'));
  if (leika === invalidLeikaKey) errors.leikaKey = { key: 'catalog:errors.leikaKey' };
  const officeId = text(values, 'officeId');
  const { fees, labels: feeLabels } = parseFees(values, errors);
  const { channels, instructions } = parseChannels(values, errors);
  const links = parseLinks(values, errors);
  const linkLabels = parseLinkLabels(values, links, errors);
  const content: ServiceContent = {
    slug: text(values, 'slug'),
    title: text(values, 'title'),
    leikaKey: leika === invalidLeikaKey ? null : leika,
    summary: text(values, 'summary'),
    description: text(values, 'description'),
    eligibility: text(values, 'eligibility'),
    requirements: lines(values, 'requirements'),
    documents: lines(values, 'documents'),
    fees,
    feesNote: text(values, 'feesNote'),
    deadlines: text(values, 'deadlines'),
    processingTime: text(values, 'processingTime'),
    legalBasis: lines(values, 'legalBasis'),
    notes: text(values, 'notes'),
    appeal: text(values, 'appeal'),
    officeId: officeId || null,
    lifeSituationIds: list(values, 'lifeSituationIds'),
    synonyms: terms(values, 'synonyms'),
    keywords: terms(values, 'keywords'),
    easyLanguage: text(values, 'easyLanguage'),
    channels,
    links,
  };
  return { content: withEnglish(content, serviceEnglish(values, feeLabels, linkLabels, instructions)), errors };
}

export function serviceFormValues(content: ServiceContent): FormValues {
  const values: FormValues = {
    slug: content.slug,
    title: content.title,
    leikaKey: content.leikaKey ?? '',
    summary: content.summary,
    description: content.description,
    eligibility: content.eligibility,
    requirements: content.requirements.join('\n'),
    documents: content.documents.join('\n'),
    feesNote: content.feesNote,
    deadlines: content.deadlines,
    processingTime: content.processingTime,
    legalBasis: content.legalBasis.join('\n'),
    notes: content.notes,
    appeal: content.appeal,
    officeId: content.officeId ?? '',
    lifeSituationIds: content.lifeSituationIds,
    synonyms: content.synonyms.join(', '),
    keywords: content.keywords.join(', '),
    easyLanguage: content.easyLanguage,
    links: content.links.map((link) => (link.label === link.url ? link.url : `${link.label} | ${link.url}`)).join('\n'),
    ...englishFormValues(content.en, [...englishServiceTexts, ...englishServiceLists]),
    [english('links')]: content.links.flatMap((link, index) => (content.en?.linkLabels?.[index] ? [`${content.en.linkLabels[index]} | ${link.url}`] : [])).join('\n'),
  };
  content.fees.forEach((fee, index) => {
    values[`fee${index + 1}Label`] = fee.label;
    values[`fee${index + 1}Amount`] = formatEuros(fee.amountCents);
    values[english(`fee${index + 1}Label`)] = content.en?.feeLabels?.[index] ?? '';
  });
  for (const channel of content.channels) {
    values[`${channel.kind}Target`] = channel.target;
    values[`${channel.kind}Instructions`] = channel.instructions;
    values[english(`${channel.kind}Instructions`)] = content.en?.channelInstructions?.[channel.kind] ?? '';
  }
  return values;
}

export const channelOrder: readonly ChannelKind[] = channelKinds;
