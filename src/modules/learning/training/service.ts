import { recordAudit } from '#kernel/audit.ts';
import type { Actor, Language } from '#kernel/auth/actor.ts';
import { todayInBerlin } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { staffMember, staffRoster, type StaffMember } from '#modules/accounts/index.ts';
import { learningPermissions } from '../permissions.ts';
import { activeRequirements, expiryKey, latestExpiries, nextSessions, recordsOf, trainingDb, type NextSession, type Requirement, type TrainingRecord } from './repo.ts';
import { appliesTo, daysUntil, dueOrder, statusOn, type TrainingStatus } from './status.ts';

/*
 * Where the staff stand with their required training: the coordinator's list of who is due, one person's
 * records, everyone's own page, and the figures without names. Statuses are computed when asked, from the
 * latest expiry per person and requirement, so a completion recorded a moment ago counts at once.
 */

const { manageTraining } = learningPermissions;

export const titleOf = (requirement: Pick<Requirement, 'titleDe' | 'titleEn'>, language: Language) => (language === 'en' ? requirement.titleEn : requirement.titleDe);

export interface Standing {
  requirement: Requirement;
  status: TrainingStatus;
  expiresOn: string | null;
  /** Days left until the expiry, negative once passed; null when nothing was completed. */
  daysLeft: number | null;
}

/** A person's standing with each requirement that applies to their roles. */
export function standingsOf(person: Pick<StaffMember, 'userId' | 'roles'>, requirements: readonly Requirement[], expiries: ReadonlyMap<string, string>, today: string): Standing[] {
  return requirements
    .filter((requirement) => appliesTo(requirement, person.roles))
    .map((requirement) => {
      const expiresOn = expiries.get(expiryKey(person.userId, requirement.key)) ?? null;
      return { requirement, status: statusOn(today, expiresOn, requirement.remindDays), expiresOn, daysLeft: expiresOn === null ? null : daysUntil(today, expiresOn) };
    });
}

export interface DueRow extends Standing {
  userId: string;
  name: string;
}

/** Every staff member's standing with every requirement that applies to them. */
async function everyonesStandings(db: Executor<KernelTables>, now: Date): Promise<{ requirements: Requirement[]; rows: DueRow[] }> {
  const training = trainingDb(db);
  const [requirements, staff, expiries] = await Promise.all([activeRequirements(training), staffRoster(db), latestExpiries(training)]);
  const today = todayInBerlin(now);
  const rows = staff.flatMap((person) => standingsOf(person, requirements, expiries, today).map((standing) => ({ ...standing, userId: person.userId, name: person.name })));
  return { requirements, rows };
}

export interface RequirementFigures {
  key: string;
  titleDe: string;
  titleEn: string;
  appliesTo: number;
  current: number;
  expiring: number;
  expired: number;
  missing: number;
}

function countByRequirement(requirements: readonly Requirement[], rows: readonly DueRow[]): RequirementFigures[] {
  return requirements.map((requirement) => {
    const figures: RequirementFigures = { key: requirement.key, titleDe: requirement.titleDe, titleEn: requirement.titleEn, appliesTo: 0, current: 0, expiring: 0, expired: 0, missing: 0 };
    for (const row of rows) {
      if (row.requirement.key !== requirement.key) continue;
      figures.appliesTo += 1;
      figures[row.status] += 1;
    }
    return figures;
  });
}

/** Per requirement, how many staff it applies to and how many stand where: counts only, no names (open data). */
export async function trainingFigures(db: Executor<KernelTables>, now = new Date()): Promise<RequirementFigures[]> {
  const { requirements, rows } = await everyonesStandings(db, now);
  return countByRequirement(requirements, rows);
}

export interface DueList {
  requirements: Requirement[];
  figures: RequirementFigures[];
  /** Expired, missing and expiring, the most urgent first. */
  due: DueRow[];
}

/**
 * The coordinator's list of who is due, optionally for one requirement; it names people, so reading it (on
 * the page, or as a spreadsheet to take away) is recorded.
 */
export async function dueList(ctx: KernelContext, actor: Actor, filter: { requirement?: string | undefined }, now = new Date(), use: 'viewed' | 'exported' = 'viewed'): Promise<DueList> {
  ctx.permissions.require(actor, manageTraining);
  const { requirements, rows } = await everyonesStandings(ctx.db, now);
  const chosen = filter.requirement && requirements.some((requirement) => requirement.key === filter.requirement) ? filter.requirement : undefined;
  const due = rows
    .filter((row) => row.status !== 'current' && (!chosen || row.requirement.key === chosen))
    .sort((a, b) => dueOrder(a, b) || a.requirement.titleDe.localeCompare(b.requirement.titleDe, 'de'));
  await recordAudit(ctx.db, { actor }, { action: `learning.training-due-${use}`, subjectType: 'learning.training', meta: { requirement: chosen ?? null, shown: due.length } });
  return { requirements, figures: countByRequirement(requirements, rows), due };
}

export interface PersonTraining {
  person: StaffMember;
  standings: Standing[];
  records: TrainingRecord[];
  requirements: Requirement[];
  /** The next open course session per requirement that is due. */
  next: Map<string, NextSession>;
}

async function trainingOf(db: Executor<KernelTables>, person: StaffMember, now: Date): Promise<PersonTraining> {
  const training = trainingDb(db);
  const [requirements, records] = await Promise.all([activeRequirements(training), recordsOf(training, person.userId)]);
  const expiries = new Map<string, string>();
  for (const record of records) {
    const key = expiryKey(person.userId, record.requirementKey);
    const known = expiries.get(key);
    if (!known || record.expiresOn > known) expiries.set(key, record.expiresOn);
  }
  const standings = standingsOf(person, requirements, expiries, todayInBerlin(now));
  const dueKeys = standings.filter((standing) => standing.status !== 'current').map((standing) => standing.requirement.key);
  return { person, standings, records, requirements, next: await nextSessions(db, dueKeys, now) };
}

/**
 * A staff member's records for the coordinator, or undefined for anyone who is not on the staff: a citizen's
 * id and an unknown one look alike. Looking is recorded, as the person's data is read.
 */
export async function personTraining(ctx: KernelContext, actor: Actor, userId: string, now = new Date(), audit = true): Promise<PersonTraining | undefined> {
  ctx.permissions.require(actor, manageTraining);
  const person = await staffMember(ctx.db, userId);
  if (!person) return undefined;
  if (audit) await recordAudit(ctx.db, { actor }, { action: 'learning.training-records-viewed', subjectType: 'user', subjectId: userId, dataSubjectId: userId });
  return trainingOf(ctx.db, person, now);
}

/** The signed-in staff member's own records and what is due, with the next course for each. */
export async function ownTraining(ctx: KernelContext, actor: Actor, now = new Date()): Promise<PersonTraining | undefined> {
  if (actor.kind !== 'staff') return undefined;
  const person = await staffMember(ctx.db, actor.userId);
  return person ? trainingOf(ctx.db, person, now) : undefined;
}
