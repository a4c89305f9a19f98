import type { TFunction } from 'i18next';
import type { ImportProblem } from './import.check.ts';

/** Each problem of an import file in a sentence, with its line first ("Zeile 4: …"). */
export function importProblemMessages(t: TFunction, problems: readonly ImportProblem[]): string[] {
  return problems.map((problem) => {
    const text = t(`streets:import.problems.${problem.code}`, problem.values ?? {});
    return problem.line === undefined ? text : t('streets:import.onLine', { line: problem.line, text });
  });
}
