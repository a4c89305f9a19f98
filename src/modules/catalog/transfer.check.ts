import type { FieldError } from '#kernel/forms/index.ts';
import { typeboxValue } from '#kernel/lazy.ts';
import { closingDayProblem } from './closing-days.ts';
import { channelTargetProblem, isLink, isSlug, parseLeikaKey, publishProblems } from './rules.ts';
import { CatalogExport, type ExportedServiceContent, type OfficeContent, type SituationContent } from './schemas.content.ts';
import type { EntryKind } from './tables.ts';

/*
 * Checks an import file completely before anything is written, and names every problem with where it is,
 * so an editor can fix the file in one go. Content rules are the editing rules: an entry published in the
 * file must have every section publishing requires.
 */

/**
 * One thing wrong with an import file, as a reason for the route or command to put into words: where the
 * file does not fit the format (with the schema checker's own words), what is wrong with one entry (a rule
 * of the catalogue, by its message key and the values it names), or that two entries would share an address.
 */
export type ImportProblem =
  | { reason: 'schema'; path: string; message: string }
  | { reason: 'entry'; kind: EntryKind; slug: string; rule: string; values?: FieldError['values'] }
  | { reason: 'address-conflict' };

export async function checkImport(
  data: unknown,
  existingSlugs: { office: Set<string>; situation: Set<string> },
): Promise<{ ok: true; data: CatalogExport } | { ok: false; problems: ImportProblem[] }> {
  // Loaded on first use: typebox's value checker takes a quarter second to load, and imports are rare.
  const Value = await typeboxValue();
  if (!Value.Check(CatalogExport, data)) {
    const problems = [...Value.Errors(CatalogExport, data)].slice(0, 20).map((error) => ({ reason: 'schema' as const, path: error.instancePath || '/', message: error.message }));
    return { ok: false, problems };
  }
  const problems: ImportProblem[] = [];
  const seenProblems = new Set<string>();
  const say = (kind: EntryKind, slug: string, rule: string, values: FieldError['values'] = {}) => {
    const problem = { reason: 'entry' as const, kind, slug, rule, values };
    const key = JSON.stringify(problem);
    if (!seenProblems.has(key)) problems.push(problem);
    seenProblems.add(key);
  };

  const offices = new Set([...existingSlugs.office, ...data.offices.map((entry) => entry.draft.slug)]);
  const situations = new Set([...existingSlugs.situation, ...data.lifeSituations.map((entry) => entry.draft.slug)]);
  const groups: [EntryKind, { draft: { slug: string }; published: unknown }[]][] = [
    ['office', data.offices],
    ['situation', data.lifeSituations],
    ['service', data.services],
  ];
  for (const [kind, entries] of groups) {
    const seen = new Set<string>();
    for (const entry of entries) {
      const slug = entry.draft.slug;
      if (seen.has(slug)) say(kind, slug, 'catalog:errors.slugTaken', { slug });
      seen.add(slug);
      if (!isSlug(slug)) say(kind, slug, 'catalog:errors.slug');
    }
  }
  for (const entry of data.services) {
    for (const version of [entry.draft, entry.published]) {
      if (version) for (const problem of serviceProblems(version, offices, situations)) say('service', entry.draft.slug, problem.key, problem.values);
    }
    if (entry.published) for (const problem of Object.values(publishProblems('service', { ...entry.published, officeId: entry.published.office, lifeSituationIds: [] }))) say('service', entry.draft.slug, problem.code, problem.values);
  }
  for (const [kind, entries] of [['office', data.offices], ['situation', data.lifeSituations]] as const) {
    for (const entry of entries as { draft: OfficeContent | SituationContent; published: OfficeContent | SituationContent | null }[]) {
      if (entry.published) for (const problem of Object.values(publishProblems(kind, entry.published))) say(kind, entry.draft.slug, problem.code, problem.values);
      if (kind === 'office' && (entry.draft as OfficeContent).website && !isLink((entry.draft as OfficeContent).website)) say(kind, entry.draft.slug, 'catalog:errors.channelLink');
      if (kind === 'office') {
        for (const version of [entry.draft, entry.published] as (OfficeContent | null)[]) {
          for (const [index, rule] of (version?.closingDays ?? []).entries()) {
            const problem = closingDayProblem(rule);
            if (problem) say(kind, entry.draft.slug, problem.key, { ...problem.values, line: String(index + 1) });
          }
        }
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 50) } : { ok: true, data };
}

function serviceProblems(content: ExportedServiceContent, offices: Set<string>, situations: Set<string>): { key: string; values?: Record<string, string> }[] {
  const problems: { key: string; values?: Record<string, string> }[] = [];
  if (content.leikaKey !== null && parseLeikaKey(content.leikaKey) !== content.leikaKey) problems.push({ key: 'catalog:errors.leikaKey' });
  if (content.office && !offices.has(content.office)) problems.push({ key: 'catalog:errors.unknownOfficeSlug', values: { slug: content.office } });
  for (const slug of content.lifeSituations) if (!situations.has(slug)) problems.push({ key: 'catalog:errors.unknownSituationSlug', values: { slug } });
  for (const channel of content.channels) {
    const problem = channelTargetProblem(channel.kind, channel.target);
    if (problem) problems.push({ key: problem });
  }
  for (const link of content.links) if (!isLink(link.url)) problems.push({ key: 'catalog:errors.channelLink' });
  return problems;
}
