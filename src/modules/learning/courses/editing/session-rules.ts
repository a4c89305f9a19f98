import { addDays } from '#kernel/calendar.ts';
import { rowFieldName, toRaw, type FormErrors, type FormValue, type Raw } from '#kernel/forms/index.ts';
import { berlinInstant, berlinTime } from '#modules/catalog/index.ts';
import type { SessionFacts } from '../service.notices.ts';
import type { Meeting, Session } from '../tables.ts';
import { sessionForm } from './forms.ts';

/*
 * A session as the form gives it, checked on its own: meetings typed as Berlin wall-clock times and stored
 * as instants (an evening course across the switch to summer time keeps its 18:00), each ending after it
 * starts and none overlapping; a place with its address or an online link; a minimum within the capacity;
 * and the day by which the minimum must be reached, five days before the first meeting unless given.
 */

export const defaultDecideDays = 5;

export interface MeetingInput {
  /** The form's row, so a problem is shown at the row it was typed in (empty rows are skipped). */
  row: number;
  date: string;
  from: string;
  to: string;
}

export interface SessionInput {
  meetings: MeetingInput[];
  place: string;
  address: string;
  onlineUrl: string;
  capacity: number;
  minParticipants: number;
  decideByDate: string | null;
  decideByTime: string | null;
  trainer: string | null;
}

export type Where = Pick<Session, 'place' | 'address' | 'online_url'>;
type Instants = Pick<Meeting, 'starts_at' | 'ends_at'>;

export type ReadSession = { ok: true; errors: FormErrors; meetings: Instants[]; where: Where; decideBy: Date } | { ok: false; errors: FormErrors };

/** The form's value with the row each meeting came from. */
export function sessionInputOf(value: FormValue<typeof sessionForm>, raw: Raw): SessionInput {
  const group = sessionForm.fields.meeting;
  const rows: number[] = [];
  for (let number = 1; number <= group.max; number += 1) {
    if (Object.keys(group.fields).some((child) => String(raw[rowFieldName('meeting', number, child)] ?? '').trim() !== '')) rows.push(number);
  }
  return {
    meetings: value.meeting.map((meeting, index) => ({ row: rows[index] ?? index + 1, date: meeting.date, from: meeting.from, to: meeting.to })),
    place: value.place,
    address: value.address,
    onlineUrl: value.onlineUrl,
    capacity: value.capacity,
    minParticipants: value.minParticipants,
    decideByDate: value.decideByDate,
    decideByTime: value.decideByTime,
    trainer: value.trainer,
  };
}

function meetingsOf(input: SessionInput, now: Date, errors: FormErrors): Instants[] {
  const read = input.meetings.map((meeting) => ({ row: meeting.row, starts_at: berlinInstant(meeting.date, meeting.from), ends_at: berlinInstant(meeting.date, meeting.to) }));
  for (const meeting of read) {
    if (meeting.ends_at <= meeting.starts_at) errors[rowFieldName('meeting', meeting.row, 'to')] = { code: 'learning:courseEditing.errors.meetingEnd' };
    else if (meeting.starts_at <= now) errors[rowFieldName('meeting', meeting.row, 'date')] = { code: 'learning:courseEditing.errors.meetingPast' };
  }
  read.sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime());
  for (let index = 1; index < read.length; index += 1) {
    const [earlier, later] = [read[index - 1]!, read[index]!];
    if (later.starts_at < earlier.ends_at) errors[rowFieldName('meeting', later.row, 'date')] = { code: 'learning:courseEditing.errors.meetingOverlap', values: { other: earlier.row } };
  }
  return read.map(({ starts_at, ends_at }) => ({ starts_at, ends_at }));
}

function whereOf(input: SessionInput, errors: FormErrors): Where {
  const where = { place: input.place || null, address: input.address || null, online_url: input.onlineUrl || null };
  if (!where.place && !where.address && !where.online_url) errors.place = { code: 'learning:courseEditing.errors.whereMissing' };
  else if (where.address && !where.place) errors.place = { code: 'learning:courseEditing.errors.placeMissing' };
  else if (where.place && !where.address) errors.address = { code: 'learning:courseEditing.errors.addressMissing' };
  if (where.online_url && !isWebAddress(where.online_url)) errors.onlineUrl = { code: 'learning:courseEditing.errors.onlineUrl' };
  return where;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function decideByOf(input: SessionInput, first: MeetingInput | undefined, firstStart: Date | undefined, now: Date, before: Session | null, errors: FormErrors): Date | undefined {
  if (!first || !firstStart) return undefined;
  if (!input.decideByDate) {
    if (input.decideByTime) {
      errors.decideByDate = { code: 'learning:courseEditing.errors.decideByDateMissing' };
      return undefined;
    }
    const fallback = berlinInstant(addDays(first.date, -defaultDecideDays), first.from);
    if (fallback <= now) errors.decideByDate = { code: 'learning:courseEditing.errors.decideByNeeded', values: { days: defaultDecideDays } };
    return fallback;
  }
  const decideBy = berlinInstant(input.decideByDate, input.decideByTime ?? first.from);
  if (decideBy >= firstStart) errors.decideByDate = { code: 'learning:courseEditing.errors.decideByAfterStart' };
  // A deadline already passed would call the session off at the next hourly check; one kept as it was may have passed.
  else if (decideBy <= now && !(before && sameInstant(before.decide_by, decideBy))) errors.decideByDate = { code: 'learning:courseEditing.errors.decideByPast' };
  return decideBy;
}

/** Reads and checks a session's form; `before` is the session being changed, null for a new one. */
export function readSession(input: SessionInput, now: Date, before: Session | null): ReadSession {
  const errors: FormErrors = {};
  const meetings = meetingsOf(input, now, errors);
  const where = whereOf(input, errors);
  if (input.minParticipants > input.capacity) errors.minParticipants = { code: 'learning:courseEditing.errors.minimumAboveCapacity', values: { capacity: input.capacity } };
  const first = [...input.meetings].sort((a, b) => berlinInstant(a.date, a.from).getTime() - berlinInstant(b.date, b.from).getTime())[0];
  const decideBy = decideByOf(input, first, meetings[0]?.starts_at, now, before, errors);
  if (Object.keys(errors).length > 0 || !decideBy || meetings.length === 0) return { ok: false, errors };
  return { ok: true, errors, meetings, where, decideBy };
}

/** Two instants in the same minute: the form shows minutes, the database keeps more. */
export const sameInstant = (a: Date, b: Date) => Math.floor(a.getTime() / 60_000) === Math.floor(b.getTime() / 60_000);

export function sameMeetings(a: readonly Instants[], b: readonly Instants[]): boolean {
  return a.length === b.length && a.every((meeting, index) => sameInstant(meeting.starts_at, b[index]!.starts_at) && sameInstant(meeting.ends_at, b[index]!.ends_at));
}

export const sameWhere = (a: Where, b: Where) => a.place === b.place && a.address === b.address && a.online_url === b.online_url;

/** A stored session as its form shows it: each meeting on its day, from and to in Berlin time. */
export function sessionRaw(facts: SessionFacts): Raw {
  const { session, meetings } = facts;
  const decideBy = berlinTime(session.decide_by);
  return toRaw(sessionForm, {
    meeting: meetings.map((meeting) => {
      const [from, to] = [berlinTime(meeting.starts_at), berlinTime(meeting.ends_at)];
      return { date: from.date, from: from.time, to: to.time };
    }),
    place: session.place ?? '',
    address: session.address ?? '',
    onlineUrl: session.online_url ?? '',
    capacity: session.capacity,
    minParticipants: session.min_participants,
    decideByDate: decideBy.date,
    decideByTime: decideBy.time,
    trainer: session.trainer_user_id,
  });
}
