/*
 * What the slot engine is fed and what it answers. The engine holds no data of its own: the module reads
 * locations, services and busy times from its tables and the catalogue and hands them in, so the same rules
 * answer the booking page, the API and the staff's "book for a caller" alike.
 */

/** A calendar day in Berlin, `YYYY-MM-DD`. */
export type Day = string;
/** A wall-clock time in Berlin, `HH:MM` (`24:00` closes at midnight). */
export type WallTime = string;

export interface OpenPeriod {
  opens: WallTime;
  closes: WallTime;
}

/** A period of the week, shaped like the catalogue's opening hours; `day` is 1 = Monday … 7 = Sunday. */
export interface WeeklyPeriod extends OpenPeriod {
  day: number;
}

/** A recurring break of the whole location (lunch), on one weekday. */
export interface Break {
  day: number;
  from: WallTime;
  to: WallTime;
}

export interface Counter {
  id: string;
  /** The ids of the services staff at this counter can handle. */
  services: readonly string[];
  /** When set, the counter is open only within these periods (and within the location's hours). */
  hours?: readonly WeeklyPeriod[];
}

/**
 * An office, or a video or phone "location": for the engine all are counters with hours. `openOn` is the
 * catalogue's `hoursOn(...).periods`, which already knows holidays, closing days and announced exceptions;
 * an empty list is a closed day.
 */
export interface Location {
  openOn(date: Day): readonly OpenPeriod[];
  breaks: readonly Break[];
  /** Slots start every `gridMinutes` from the opening of a period; durations are rounded up to it. */
  gridMinutes: number;
  counters: readonly Counter[];
}

/** How a service is booked (ZMS keeps the same per scope: startInDaysDefault, endInDaysDefault). */
export interface ServiceRules {
  id: string;
  minutesPerPerson: number;
  /** The earliest bookable day, counted from today (0 = today). */
  startInDays: number;
  /** The latest bookable day, counted from today. */
  horizonDays: number;
  /**
   * Days are released in batches, as ZMS does: the horizon's last day opens for booking only at this time of
   * day, so everyone knows when new slots appear and nobody gains by polling through the night.
   */
  release?: { time: WallTime };
  /** No slot starts sooner than this many minutes from now (time to prepare, to travel). */
  leadMinutes?: number;
  /** The most persons one booking may bring for this service; `DEFAULT_MAX_PERSONS` when unset. */
  maxPersons?: number;
}

/** One line of a request: a service for a number of persons (four ID cards = one service × 4). */
export interface RequestedService {
  serviceId: string;
  persons: number;
}

/**
 * A time a counter cannot take a booking: a booking, a hold, a staff block or an absence. `counterId: null`
 * blocks every counter of the location (a staff meeting, a closure announced at short notice).
 */
export interface Busy {
  counterId: string | null;
  from: Date;
  to: Date;
}

/** Everything one answer needs. `services` are the services the location offers, for looking up the request's. */
export interface SlotQuery {
  location: Location;
  services: readonly ServiceRules[];
  request: readonly RequestedService[];
  busy: readonly Busy[];
  now: Date;
}

/** A free start time; shown once however many counters are free for it, the booking takes one of `counters`. */
export interface Slot {
  time: WallTime;
  start: Date;
  end: Date;
  counters: string[];
}

export interface DaySlots {
  date: Day;
  slots: Slot[];
}

/** The days a request may be booked on, and the first instant a slot may start. */
export interface BookingWindow {
  first: Day;
  last: Day;
  earliestStart: Date;
}

/** Expected reasons a request cannot be answered; the routes turn them into words and a 422. */
export type SlotProblem =
  | { reason: 'no-services' }
  | { reason: 'unknown-service'; serviceId: string }
  | { reason: 'duplicate-service'; serviceId: string }
  | { reason: 'invalid-persons'; serviceId: string; persons: number }
  | { reason: 'too-many-persons'; serviceId: string; persons: number; max: number }
  | { reason: 'not-combinable'; serviceIds: string[] }
  | { reason: 'invalid-day'; day: string }
  | { reason: 'invalid-limit'; limit: number };

export type SlotResult<T> = ({ ok: true } & T) | { ok: false; problem: SlotProblem };
