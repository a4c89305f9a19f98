import { describe, expect, it } from 'vitest';
import { indexBusy } from './busy.ts';
import type { Busy } from './types.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 9) + minute * 60_000);
const ms = (minute: number) => at(minute).getTime();

describe('busy times per counter', () => {
  it("blocks the counter's own times, and the whole location's for every counter", () => {
    const index = indexBusy(
      [
        { counterId: 'a', from: at(10), to: at(20) },
        { counterId: null, from: at(40), to: at(50) },
      ],
      ['a', 'b'],
    );
    expect(index.isFree('a', ms(10), ms(20))).toBe(false);
    expect(index.isFree('b', ms(10), ms(20))).toBe(true);
    expect(index.isFree('a', ms(45), ms(55))).toBe(false);
    expect(index.isFree('b', ms(30), ms(41))).toBe(false);
  });

  it('lets a slot touch a busy time at either end, joins overlapping ones and ignores empty ones', () => {
    const index = indexBusy(
      [
        { counterId: 'a', from: at(15), to: at(30) },
        { counterId: 'a', from: at(10), to: at(20) },
        { counterId: 'a', from: at(5), to: at(8) },
        { counterId: 'a', from: at(60), to: at(60) },
        { counterId: 'a', from: at(80), to: at(70) },
      ],
      ['a'],
    );
    expect(index.isFree('a', ms(0), ms(5))).toBe(true);
    expect(index.isFree('a', ms(8), ms(10))).toBe(true);
    expect(index.isFree('a', ms(25), ms(35))).toBe(false);
    expect(index.isFree('a', ms(30), ms(40))).toBe(true);
    expect(index.isFree('a', ms(55), ms(85))).toBe(true);
  });

  it('offers nothing at a counter it was not told of', () => {
    expect(indexBusy([], ['a']).isFree('z', ms(0), ms(10))).toBe(false);
  });

  it('answers as a walk over every interval would, for hundreds of them', () => {
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const counters = ['a', 'b', 'c'];
    const busy: Busy[] = Array.from({ length: 400 }, () => {
      const from = next(20_000);
      return { counterId: next(5) === 0 ? null : (counters[next(3)] ?? 'a'), from: at(from), to: at(from + 1 + next(60)) };
    });
    const index = indexBusy(busy, counters);
    let blocked = 0;
    for (let probe = 0; probe < 2000; probe += 1) {
      const counter = counters[probe % 3] ?? 'a';
      const from = next(20_000);
      const to = from + 10 + next(60);
      const overlaps = busy.some((b) => (b.counterId === null || b.counterId === counter) && b.from < at(to) && at(from) < b.to);
      if (overlaps) blocked += 1;
      expect(index.isFree(counter, ms(from), ms(to))).toBe(!overlaps);
    }
    expect(blocked).toBeGreaterThan(100);
  });
});
