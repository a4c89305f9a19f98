import { dataThemes, type DataTheme } from '#kernel/declarations/datasets.ts';
import type { DatasetSearchQuery } from '../service.search.ts';
import type { DatasetState } from '../tables.ts';

/*
 * The Solr filter queries CKAN clients send, as far as a catalogue without Solr can honour them exactly:
 * `metadata_modified:[2026-01-01T00:00:00Z TO *]`, `organization:name`, `tags:"x"`, `res_format:CSV`,
 * `license_id:x`, `groups:x`, `+state:(active OR deleted)`, `capacity:public`, `dataset_type:dataset`,
 * joined by spaces or AND. Anything else is refused with its reason rather than half understood.
 */

export type FilterQuery = Pick<DatasetSearchQuery, 'organizations' | 'tags' | 'formats' | 'licences' | 'themes' | 'modifiedSince' | 'modifiedUntil'> & {
  states?: DatasetState[];
};

export type FqResult = { ok: true; query: FilterQuery } | { ok: false; problem: string };

/** Splits at top-level whitespace, keeping quoted strings, [ranges] and (groups) whole. */
function clauses(text: string): string[] | null {
  const found: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      current += char + text[index + 1]!;
      index += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '[' || char === '(')) depth += 1;
    else if (!quoted && (char === ']' || char === ')')) depth -= 1;
    if (depth < 0) return null;
    if (!quoted && depth === 0 && /\s/.test(char)) {
      if (current) found.push(current);
      current = '';
    } else current += char;
  }
  if (quoted || depth !== 0) return null;
  if (current) found.push(current);
  return found.filter((clause) => clause !== 'AND' && clause !== '&&');
}

const unquote = (value: string) => (value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value).replace(/\\(.)/g, '$1');

/** `x`, `"x y"` or `(a OR b)`: the values a clause names. */
function values(raw: string): string[] | null {
  if (!raw.startsWith('(')) return raw === '' ? null : [unquote(raw)];
  const inner = clauses(raw.slice(1, -1));
  if (!inner || inner.length === 0) return null;
  const list: string[] = [];
  for (const [index, part] of inner.entries()) {
    if (index % 2 === 1) {
      if (part !== 'OR') return null;
    } else list.push(unquote(part));
  }
  return inner.length % 2 === 1 ? list : null;
}

function instant(raw: string): Date | null | undefined {
  if (raw === '*') return undefined;
  if (raw === 'NOW') return new Date();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?Z?)?$/.test(raw)) return null;
  const value = new Date(/T/.test(raw) && !raw.endsWith('Z') ? `${raw}Z` : raw);
  return Number.isNaN(value.getTime()) ? null : value;
}

function range(raw: string): { from?: Date; to?: Date } | null {
  const match = /^\[(\S+) TO (\S+)\]$/.exec(raw);
  if (!match) return null;
  const from = instant(match[1]!);
  const to = instant(match[2]!);
  return from === null || to === null ? null : { from, to };
}

const append = (list: string[] | undefined, more: string[]) => [...(list ?? []), ...more];

/** Several filter queries (`fq` and `fq_list`) into one typed filter; every clause must hold. */
export function parseFilterQueries(texts: readonly string[]): FqResult {
  const query: FilterQuery = {};
  for (const text of texts) {
    const parts = clauses(text.trim());
    if (!parts) return { ok: false, problem: text };
    for (const part of parts) {
      const clause = part.replace(/^\+/, '');
      const match = /^([a-z_]+):(.+)$/.exec(clause);
      if (!match) return { ok: false, problem: part };
      const [, field, raw] = match as unknown as [string, string, string];
      if (field === 'metadata_modified') {
        const span = range(raw);
        if (!span) return { ok: false, problem: part };
        if (span.from) query.modifiedSince = span.from;
        if (span.to) query.modifiedUntil = span.to;
        continue;
      }
      const named = values(raw);
      if (!named) return { ok: false, problem: part };
      const single = named.length === 1;
      switch (field) {
        case 'organization':
        case 'owner_org':
          if (query.organizations) return { ok: false, problem: part };
          query.organizations = named;
          break;
        case 'license_id':
          if (query.licences) return { ok: false, problem: part };
          query.licences = named;
          break;
        case 'state':
          if (named.some((state) => !['active', 'deleted', 'draft'].includes(state))) return { ok: false, problem: part };
          query.states = named as DatasetState[];
          break;
        // Keywords, formats and themes must each hold; an OR among them is not something we can answer exactly.
        case 'tags':
          if (!single) return { ok: false, problem: part };
          query.tags = append(query.tags, named);
          break;
        case 'res_format':
          if (!single) return { ok: false, problem: part };
          query.formats = append(query.formats, named);
          break;
        case 'groups': {
          const theme = named[0]!.toUpperCase();
          if (!single || !dataThemes.includes(theme as DataTheme)) return { ok: false, problem: part };
          query.themes = append(query.themes, [theme]);
          break;
        }
        // Every dataset here is public and of CKAN's one type.
        case 'capacity':
          if (!single || named[0] !== 'public') return { ok: false, problem: part };
          break;
        case 'dataset_type':
        case 'type':
          if (!single || named[0] !== 'dataset') return { ok: false, problem: part };
          break;
        default:
          return { ok: false, problem: part };
      }
    }
  }
  return { ok: true, query };
}
