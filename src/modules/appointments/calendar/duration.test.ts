import { describe, expect, it } from 'vitest';
import { checkRequest, DEFAULT_MAX_PERSONS, roundUpToGrid } from './duration.ts';
import type { Counter, ServiceRules } from './types.ts';

const services: ServiceRules[] = [
  { id: 'id-card', minutesPerPerson: 15, startInDays: 0, horizonDays: 30 },
  { id: 'registration', minutesPerPerson: 10, startInDays: 0, horizonDays: 30 },
  { id: 'passport', minutesPerPerson: 20, startInDays: 0, horizonDays: 30, maxPersons: 2 },
];
const counters: Counter[] = [
  { id: 'a', services: ['id-card', 'passport'] },
  { id: 'b', services: ['id-card', 'registration'] },
  { id: 'c', services: ['registration'] },
];

describe('duration of a visit', () => {
  it('rounds up to whole grid steps, at least one', () => {
    expect(roundUpToGrid(25, 10)).toBe(30);
    expect(roundUpToGrid(30, 10)).toBe(30);
    expect(roundUpToGrid(1, 15)).toBe(15);
    expect(roundUpToGrid(0, 10)).toBe(10);
  });

  it('sums minutes per person × persons over several services, then rounds to the grid', () => {
    const checked = checkRequest([{ serviceId: 'id-card', persons: 4 }, { serviceId: 'registration', persons: 1 }], services, counters, 20);
    // 4 × 15 + 10 = 70 minutes, four steps of 20.
    expect(checked).toMatchObject({ ok: true, value: { minutes: 80 } });
  });
});

describe('which counters qualify', () => {
  const ids = (request: { serviceId: string; persons: number }[]) => {
    const checked = checkRequest(request, services, counters, 10);
    return checked.ok ? checked.value.counters.map((counter) => counter.id) : checked.problem;
  };

  it('takes only counters serving every requested service', () => {
    expect(ids([{ serviceId: 'id-card', persons: 1 }])).toEqual(['a', 'b']);
    expect(ids([{ serviceId: 'id-card', persons: 1 }, { serviceId: 'registration', persons: 2 }])).toEqual(['b']);
  });

  it('says so when no counter serves them together', () => {
    expect(ids([{ serviceId: 'passport', persons: 1 }, { serviceId: 'registration', persons: 1 }])).toEqual({ reason: 'not-combinable', serviceIds: ['passport', 'registration'] });
  });
});

describe('bad requests get a reason, not an exception', () => {
  const problem = (request: { serviceId: string; persons: number }[]) => {
    const checked = checkRequest(request, services, counters, 10);
    return checked.ok ? undefined : checked.problem;
  };

  it('names an empty request, an unknown service and a service asked twice', () => {
    expect(problem([])).toEqual({ reason: 'no-services' });
    expect(problem([{ serviceId: 'fishing-licence', persons: 1 }])).toEqual({ reason: 'unknown-service', serviceId: 'fishing-licence' });
    expect(problem([{ serviceId: 'id-card', persons: 1 }, { serviceId: 'id-card', persons: 2 }])).toEqual({ reason: 'duplicate-service', serviceId: 'id-card' });
  });

  it('refuses zero, negative and fractional persons', () => {
    for (const persons of [0, -1, 1.5, Number.NaN]) {
      expect(problem([{ serviceId: 'id-card', persons }])).toEqual({ reason: 'invalid-persons', serviceId: 'id-card', persons });
    }
  });

  it("refuses more persons than the service's maximum, or the default", () => {
    expect(problem([{ serviceId: 'passport', persons: 3 }])).toEqual({ reason: 'too-many-persons', serviceId: 'passport', persons: 3, max: 2 });
    const many = DEFAULT_MAX_PERSONS + 1;
    expect(problem([{ serviceId: 'id-card', persons: many }])).toEqual({ reason: 'too-many-persons', serviceId: 'id-card', persons: many, max: DEFAULT_MAX_PERSONS });
    expect(problem([{ serviceId: 'id-card', persons: DEFAULT_MAX_PERSONS }])).toBeUndefined();
  });

  it('throws only for a broken grid, which is configuration, not a request', () => {
    expect(() => checkRequest([{ serviceId: 'id-card', persons: 1 }], services, counters, 0)).toThrow(RangeError);
  });
});
