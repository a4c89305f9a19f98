import { addDays } from '#kernel/calendar.ts';

/*
 * The rules of required training, on calendar days and without the database: whom a requirement applies
 * to, when a completion runs out, and where a person stands. Days are `YYYY-MM-DD` in Berlin.
 */

export type TrainingStatus = 'current' | 'expiring' | 'expired' | 'missing';

export interface RequirementRule {
  key: string;
  /** Staff role ids; empty: every staff member. */
  roles: readonly string[];
  validMonths: number;
  remindDays: number;
}

/** Whether a requirement applies to someone holding these roles (at any scope). */
export function appliesTo(requirement: Pick<RequirementRule, 'roles'>, roles: readonly string[]): boolean {
  return requirement.roles.length === 0 || requirement.roles.some((role) => roles.includes(role));
}

/** The same date `months` later (or earlier, when negative), or that month's last day where it is shorter. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastOfMonth));
  return target.toISOString().slice(0, 10);
}

/**
 * The last day a completion counts: the day before the same date `months` later, so that a training valid
 * for 24 months and renewed on the same date two years on leaves neither a gap nor an overlap.
 */
export function expiryOf(completedOn: string, months: number): string {
  return addDays(addMonths(completedOn, months), -1);
}

/** The first day the reminder is due: `remindDays` before the expiry. */
export function remindFrom(expiresOn: string, remindDays: number): string {
  return addDays(expiresOn, -remindDays);
}

/** Where someone stands with a requirement, by the expiry of their latest completion (none: missing). */
export function statusOn(today: string, expiresOn: string | null, remindDays: number): TrainingStatus {
  if (expiresOn === null) return 'missing';
  if (expiresOn < today) return 'expired';
  return remindFrom(expiresOn, remindDays) <= today ? 'expiring' : 'current';
}

/** The record that counts: the one that runs longest (a later renewal, even if recorded first). */
export function latestExpiry(expiries: readonly string[]): string | null {
  return expiries.reduce<string | null>((latest, day) => (latest === null || day > latest ? day : latest), null);
}

/** Whole days from `today` to `day`; negative once it has passed. */
export function daysUntil(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

const urgency: Record<TrainingStatus, number> = { expired: 0, missing: 1, expiring: 2, current: 3 };

export interface DueEntry {
  status: TrainingStatus;
  expiresOn: string | null;
  name: string;
}

/**
 * Who is due first: expired (the longest overdue first), then missing, then expiring (the soonest first),
 * then current; within the same standing by name.
 */
export function dueOrder(a: DueEntry, b: DueEntry): number {
  if (a.status !== b.status) return urgency[a.status] - urgency[b.status];
  if (a.expiresOn !== b.expiresOn && a.expiresOn !== null && b.expiresOn !== null) return a.expiresOn < b.expiresOn ? -1 : 1;
  return a.name.localeCompare(b.name, 'de');
}
