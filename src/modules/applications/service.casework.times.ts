import type { Actor, Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Db } from '#kernel/db/database.ts';
import { movesOf } from '#kernel/workflow/index.ts';
import { applicationsDb } from './repo.forms.ts';
import { casesForTimes } from './repo.times.ts';
import { caseworkOffices, decidedStates, processingClock } from './service.casework.ts';
import { textIn } from './definition/texts.ts';
import { caseStates, caseWorkflow, type CaseState } from './workflow.case.ts';

/** How long a report looks back: a year, so seasons (dog tax in January, bulky waste in spring) even out. */
export const timesPeriodDays = 365;

/** The first instant a report counts cases sent from. */
export const periodStart = (now: Date) => new Date(now.getTime() - timesPeriodDays * 24 * 60 * 60 * 1000);

const openStates: readonly CaseState[] = caseStates.filter((state) => !decidedStates.has(state));

/** The processing times of one form in the offices of the person asking. */
export interface FormTimes {
  formKey: string;
  title: string;
  /** The target of the form's newest version among the cases, in days; null when it sets none. */
  targetDays: number | null;
  /** Cases of the period the office decided, with the days each took (waiting for the applicant not counted). */
  decided: number;
  medianDays: number | null;
  /** Nine in ten decided cases took at most this many days. */
  ninetiethDays: number | null;
  /** Share of decided cases within the target, 0–1; null without a target or without decided cases. */
  withinTarget: number | null;
  /** Cases the applicant withdrew: not decided, so not in the times. */
  withdrawn: number;
  open: number;
  openOverTarget: number;
  /** The longest any open case has been with the office so far. */
  oldestOpenDays: number | null;
}

/** The value at a share of sorted values, by the nearest rank: an actual number of days, not an average. */
const rank = (sorted: readonly number[], share: number) => (sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(sorted.length * share) - 1)]!);

/**
 * Processing times per form for the offices where the person handles cases, over the last year: how long
 * decisions took (median and the 90th percentile, by the same clock as each case, which pauses while the
 * office waits for the applicant), how many met the form's target, and how the open cases stand now.
 * Counts only, no person's data: nothing to audit.
 */
export async function processingTimes(ctx: KernelContext, actor: Actor, language: Language, now = new Date()): Promise<FormTimes[]> {
  return timesOf(ctx.db, caseworkOffices(ctx, actor), language, now);
}

/** The same report over every office, for the open figures: counts only, whoever asks. */
export async function processingTimesOfAllOffices(db: Db, language: Language, now = new Date()): Promise<FormTimes[]> {
  return timesOf(db, 'all', language, now);
}

async function timesOf(db: Db, offices: readonly string[] | 'all', language: Language, now: Date): Promise<FormTimes[]> {
  const since = periodStart(now);
  const cases = await casesForTimes(applicationsDb(db), offices, since, openStates);
  const moves = await movesOf(db.withTables(), caseWorkflow.definition.id, cases.map((made) => made.id));
  const perForm = new Map<string, { title: string; targetDays: number | null; days: number[]; withdrawn: number; openDays: number[] }>();
  for (const made of cases) {
    // Cases come oldest first, so the newest version's title and target are the ones kept.
    const entry = perForm.get(made.form_key) ?? { title: '', targetDays: null, days: [], withdrawn: 0, openDays: [] };
    entry.title = textIn(made.definition.title, language);
    entry.targetDays = made.definition.targetDays ?? null;
    const clock = processingClock(made.submitted_at, moves.get(made.id) ?? [], now);
    if (clock.running) entry.openDays.push(clock.days);
    else if (made.status === 'withdrawn') entry.withdrawn += 1;
    else if (made.submitted_at >= since) entry.days.push(clock.days);
    perForm.set(made.form_key, entry);
  }
  return [...perForm.entries()]
    .map(([formKey, entry]) => {
      const sorted = [...entry.days].sort((a, b) => a - b);
      const target = entry.targetDays;
      return {
        formKey,
        title: entry.title,
        targetDays: target,
        decided: sorted.length,
        medianDays: rank(sorted, 0.5),
        ninetiethDays: rank(sorted, 0.9),
        withinTarget: target === null || sorted.length === 0 ? null : sorted.filter((days) => days <= target).length / sorted.length,
        withdrawn: entry.withdrawn,
        open: entry.openDays.length,
        openOverTarget: target === null ? 0 : entry.openDays.filter((days) => days > target).length,
        oldestOpenDays: entry.openDays.length === 0 ? null : Math.max(...entry.openDays),
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title, language));
}
