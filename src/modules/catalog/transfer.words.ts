import type { TFunction } from 'i18next';
import type { EntryKind } from './tables.ts';
import type { ImportProblem } from './transfer.check.ts';

const kindLabel: Record<EntryKind, string> = { service: 'catalog:kinds.service', office: 'catalog:kinds.office', situation: 'catalog:kinds.situation' };

/** An import file's problem in the reader's language, for the back office, the API and the command line. */
export function importProblemMessage(t: TFunction, problem: ImportProblem): string {
  switch (problem.reason) {
    case 'schema':
      return t('catalog:transfer.schemaProblem', { path: problem.path, message: problem.message });
    case 'address-conflict':
      return t('catalog:transfer.conflict');
    case 'entry': {
      // A rule may name another message as a value (the section that is missing).
      const values = Object.fromEntries(Object.entries(problem.values ?? {}).map(([name, value]) => [name, typeof value === 'object' ? t(value.key) : value]));
      return t('catalog:transfer.problem', { kind: t(kindLabel[problem.kind]), slug: problem.slug, message: t(problem.rule, values) });
    }
  }
}

export function importProblemMessages(t: TFunction, problems: readonly ImportProblem[]): string[] {
  return problems.map((problem) => importProblemMessage(t, problem));
}
