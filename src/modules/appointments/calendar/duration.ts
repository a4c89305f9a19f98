import type { Counter, RequestedService, ServiceRules, SlotProblem } from './types.ts';

/*
 * What a request asks of a counter: which services, for how many persons, for how long. Checked here, before
 * any day is looked at, so a bad request gets its reason and not an empty calendar.
 */

/** When a service names no maximum: a family's ID cards, not a club's. */
export const DEFAULT_MAX_PERSONS = 6;

export interface CheckedRequest {
  services: ServiceRules[];
  /** Σ minutes per person × persons, rounded up to the grid. */
  minutes: number;
  /** The counters that serve every requested service. */
  counters: Counter[];
}

/** Rounded up to whole grid steps, and at least one: a visit always takes the counter for some time. */
export function roundUpToGrid(minutes: number, gridMinutes: number): number {
  return Math.max(1, Math.ceil(minutes / gridMinutes)) * gridMinutes;
}

function checkLine(line: RequestedService, known: ReadonlyMap<string, ServiceRules>, seen: Set<string>): SlotProblem | ServiceRules {
  const { serviceId, persons } = line;
  const service = known.get(serviceId);
  if (!service) return { reason: 'unknown-service', serviceId };
  if (seen.has(serviceId)) return { reason: 'duplicate-service', serviceId };
  seen.add(serviceId);
  if (!Number.isInteger(persons) || persons < 1) return { reason: 'invalid-persons', serviceId, persons };
  const max = service.maxPersons ?? DEFAULT_MAX_PERSONS;
  if (persons > max) return { reason: 'too-many-persons', serviceId, persons, max };
  return service;
}

export function checkRequest(
  request: readonly RequestedService[],
  offered: readonly ServiceRules[],
  counters: readonly Counter[],
  gridMinutes: number,
): { ok: true; value: CheckedRequest } | { ok: false; problem: SlotProblem } {
  if (!Number.isInteger(gridMinutes) || gridMinutes < 1 || gridMinutes > 24 * 60) throw new RangeError(`Not a slot grid: ${gridMinutes}`);
  if (request.length === 0) return { ok: false, problem: { reason: 'no-services' } };
  const known = new Map(offered.map((service) => [service.id, service]));
  const seen = new Set<string>();
  const services: ServiceRules[] = [];
  let minutes = 0;
  for (const line of request) {
    const checked = checkLine(line, known, seen);
    if ('reason' in checked) return { ok: false, problem: checked };
    services.push(checked);
    minutes += checked.minutesPerPerson * line.persons;
  }
  const qualified = counters.filter((counter) => services.every((service) => counter.services.includes(service.id)));
  if (qualified.length === 0) return { ok: false, problem: { reason: 'not-combinable', serviceIds: services.map((service) => service.id) } };
  return { ok: true, value: { services, minutes: roundUpToGrid(minutes, gridMinutes), counters: qualified } };
}
