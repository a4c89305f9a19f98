import { defineForm, toRaw, type FormErrors, type FormValue, type Raw } from '#kernel/forms/index.ts';
import { channelKinds, type Channel, type ChannelKind, type Link, type ServiceContent } from './schemas.content.ts';
import { channelTargetProblem, invalidLeikaKey, isLink, parseLeikaKey } from './rules.ts';
import { english, englishTexts, englishValues, twinOf, withEnglish, withTwin } from './forms.english.ts';
import type { ServiceEnglish } from './schemas.english.ts';

/*
 * The service form (`src/kernel/forms/README.md`): flat, one input per field, so that it works without
 * JavaScript and every field carries its own error; the kernel reads and cleans it, this file turns the
 * typed value into the stored content (and back) and names what only the catalogue knows to be wrong.
 */

const long = { kind: 'textarea', maxLength: 5000 } as const;
const list = { kind: 'lines', maxLength: 5000, maxItems: 30 } as const;

export const feeRows = 4;
const feeLabel = { kind: 'text', label: 'catalog:fields.feeName', required: true, maxLength: 200, messages: { required: 'catalog:errors.feeLabel' } } as const;

const instructionsOf = (kind: ChannelKind) => ({ kind: 'textarea', label: `catalog:channels.${kind}.instructions`, maxLength: 1000 }) as const;
type ChannelFields = { [K in ChannelKind as `${K}Target`]: { kind: 'text'; label: string; maxLength: 500 } } & {
  [K in ChannelKind as `${K}Instructions` | `${K}InstructionsEn`]: ReturnType<typeof instructionsOf>;
};
const channelFields = Object.fromEntries(
  channelKinds.flatMap((kind) => [[`${kind}Target`, { kind: 'text', label: `catalog:channels.${kind}.target`, maxLength: 500 }], ...Object.entries(withTwin(`${kind}Instructions`, instructionsOf(kind)))]),
) as ChannelFields;

export const serviceForm = defineForm({
  id: 'catalog.service',
  once: true,
  fields: {
    revision: { kind: 'hidden', maxLength: 10 },
    ...withTwin('title', { kind: 'text', label: 'catalog:fields.title', maxLength: 160 }),
    slug: { kind: 'text', label: 'catalog:fields.slug', maxLength: 80 },
    leikaKey: { kind: 'text', label: 'catalog:fields.leikaKey', maxLength: 40 },
    ...withTwin('summary', { kind: 'textarea', label: 'catalog:fields.summary', maxLength: 400 }),
    officeId: { kind: 'choice', label: 'catalog:fields.office', widget: 'select' },
    lifeSituationIds: { kind: 'choices', label: 'catalog:fields.situations', maxItems: 20 },
    ...withTwin('description', { ...long, label: 'catalog:sections.description' }),
    ...withTwin('eligibility', { ...long, label: 'catalog:sections.eligibility' }),
    ...withTwin('requirements', { ...list, label: 'catalog:sections.requirements' }),
    ...withTwin('documents', { ...list, label: 'catalog:sections.documents' }),
    fee: {
      kind: 'group',
      label: 'catalog:fields.feeRow',
      max: feeRows,
      spare: feeRows,
      fields: {
        label: feeLabel,
        amount: { kind: 'euros', label: 'catalog:fields.feeAmount', required: true, max: 100_000_000, messages: { required: 'catalog:errors.feeAmount' } },
        labelEn: twinOf(feeLabel),
      },
    },
    ...withTwin('feesNote', { ...long, label: 'catalog:fields.feesNote' }),
    ...withTwin('deadlines', { ...long, label: 'catalog:sections.deadlines' }),
    ...withTwin('processingTime', { ...long, label: 'catalog:sections.processingTime' }),
    ...withTwin('legalBasis', { ...list, label: 'catalog:sections.legalBasis' }),
    ...withTwin('notes', { ...long, label: 'catalog:sections.notes' }),
    ...withTwin('appeal', { ...long, label: 'catalog:sections.appeal' }),
    links: { ...list, label: 'catalog:sections.links', maxItems: 20 },
    linksEn: twinOf({ ...list, label: 'catalog:sections.links', maxItems: 20 }),
    ...channelFields,
    synonyms: { kind: 'terms', label: 'catalog:fields.synonyms', maxLength: 5000, maxItems: 40 },
    keywords: { kind: 'terms', label: 'catalog:fields.keywords', maxLength: 5000, maxItems: 40 },
    easyLanguage: { ...long, label: 'catalog:fields.easyLanguage' },
  },
});

export type ServiceFormValue = FormValue<typeof serviceForm>;

/** "Label | https://…" per line, or just the address. */
function parseLinks(lines: readonly string[], errors: FormErrors): Link[] {
  const links: Link[] = [];
  for (const [index, line] of lines.entries()) {
    const [first = '', second] = line.split('|').map((part) => part.trim());
    const link = second === undefined ? { label: first, url: first } : { label: first || second, url: second };
    if (!isLink(link.url)) errors.links ??= { code: 'catalog:errors.linkLine', values: { line: index + 1 } };
    else links.push(link);
  }
  return links;
}

/**
 * English link labels as "label | address", the address one of the links': matched by address, so a label
 * cannot slip onto the wrong link when the German list changes order.
 */
function parseLinkLabels(lines: readonly string[], links: readonly Link[], errors: FormErrors): string[] {
  const labels = links.map(() => '');
  for (const [index, line] of lines.entries()) {
    const [label = '', url = ''] = line.split('|').map((part) => part.trim());
    const position = links.findIndex((link) => link.url === url);
    if (!label || position < 0) errors.linksEn ??= { code: 'catalog:errors.englishLinkLine', values: { line: index + 1 } };
    else labels[position] = label;
  }
  return labels;
}

function parseChannels(value: ServiceFormValue, errors: FormErrors): { channels: Channel[]; instructions: Partial<Record<ChannelKind, string>> } {
  const channels: Channel[] = [];
  const inEnglish: Partial<Record<ChannelKind, string>> = {};
  for (const kind of channelKinds) {
    const target = value[`${kind}Target`];
    const instructions = value[`${kind}Instructions`];
    const englishInstructions = value[`${kind}InstructionsEn`];
    if (!target && !instructions) {
      // An English text needs the German route it translates; dropping it silently would lose what was typed.
      if (englishInstructions) errors[english(`${kind}Instructions`)] = { code: 'catalog:errors.englishWithoutGerman' };
      continue;
    }
    const problem = channelTargetProblem(kind, target);
    if (problem) errors[`${kind}Target`] = { code: problem };
    else channels.push({ kind, target, instructions });
    if (englishInstructions) inEnglish[kind] = englishInstructions;
  }
  return { channels, instructions: inEnglish };
}

const englishServiceTexts = ['title', 'summary', 'description', 'eligibility', 'requirements', 'documents', 'feesNote', 'deadlines', 'processingTime', 'legalBasis', 'notes', 'appeal'] as const;

/** The content a read service form stands for, and what the catalogue's own rules find wrong with it, by input name. */
export function serviceContentOf(value: ServiceFormValue): { content: ServiceContent; errors: FormErrors } {
  const errors: FormErrors = {};
  const leika = parseLeikaKey(value.leikaKey);
  if (leika === invalidLeikaKey) errors.leikaKey = { code: 'catalog:errors.leikaKey' };
  const { channels, instructions } = parseChannels(value, errors);
  const links = parseLinks(value.links, errors);
  const linkLabels = parseLinkLabels(value.linksEn, links, errors);
  const feeLabels = value.fee.map((row) => row.labelEn);
  const en: ServiceEnglish = {
    ...englishTexts(value, englishServiceTexts),
    ...(feeLabels.some(Boolean) ? { feeLabels } : {}),
    ...(linkLabels.some(Boolean) ? { linkLabels } : {}),
    ...(Object.keys(instructions).length > 0 ? { channelInstructions: instructions } : {}),
  };
  const content: ServiceContent = {
    slug: value.slug,
    title: value.title,
    leikaKey: leika === invalidLeikaKey ? null : leika,
    summary: value.summary,
    description: value.description,
    eligibility: value.eligibility,
    requirements: value.requirements,
    documents: value.documents,
    fees: value.fee.map((row) => ({ label: row.label, amountCents: row.amount })),
    feesNote: value.feesNote,
    deadlines: value.deadlines,
    processingTime: value.processingTime,
    legalBasis: value.legalBasis,
    notes: value.notes,
    appeal: value.appeal,
    officeId: value.officeId,
    lifeSituationIds: value.lifeSituationIds,
    synonyms: value.synonyms,
    keywords: value.keywords,
    easyLanguage: value.easyLanguage,
    channels,
    links,
  };
  return { content: withEnglish(content, en), errors };
}

/** A stored service as its form shows it. */
export function serviceFormValues(content: ServiceContent): Raw {
  const channel = Object.fromEntries(
    content.channels.flatMap((route) => [
      [`${route.kind}Target`, route.target],
      [`${route.kind}Instructions`, route.instructions],
      [`${route.kind}InstructionsEn`, content.en?.channelInstructions?.[route.kind] ?? ''],
    ]),
  ) as Partial<ServiceFormValue>;
  return toRaw(serviceForm, {
    ...content,
    ...englishValues(content.en, englishServiceTexts),
    ...channel,
    leikaKey: content.leikaKey ?? '',
    fee: content.fees.map((fee, index) => ({ label: fee.label, amount: fee.amountCents, labelEn: content.en?.feeLabels?.[index] ?? '' })),
    links: content.links.map((link) => (link.label === link.url ? link.url : `${link.label} | ${link.url}`)),
    linksEn: content.links.flatMap((link, index) => (content.en?.linkLabels?.[index] ? [`${content.en.linkLabels[index]} | ${link.url}`] : [])),
  });
}
