import { describe, expect, it } from 'vitest';
import { weekdayOf } from '#kernel/calendar.ts';
import { dayClock, toMinutes, toWallTime } from './clock.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('wall-clock minutes', () => {
  it('reads and writes HH:MM, midnight as 24:00 at the end of a day', () => {
    expect(toMinutes('08:30')).toBe(510);
    expect(toMinutes('24:00')).toBe(1440);
    expect(toWallTime(510)).toBe('08:30');
    expect(toWallTime(0)).toBe('00:00');
  });

  it('refuses a malformed time: that is a broken configuration', () => {
    for (const bad of ['8:30', '24:30', '25:00', '12:60', '']) expect(() => toMinutes(bad), bad).toThrow(RangeError);
  });

  it('names weekdays as ISO does, Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-03-09')).toBe(1);
    expect(weekdayOf('2026-03-15')).toBe(7);
  });
});

describe('a Berlin day as instants', () => {
  it('keeps one offset on an ordinary day, winter and summer', () => {
    expect(iso(dayClock('2026-03-10').instant(480))).toBe('2026-03-10T07:00:00.000Z');
    expect(iso(dayClock('2026-06-10').instant(480))).toBe('2026-06-10T06:00:00.000Z');
    expect(iso(dayClock('2026-03-10').instant(1440))).toBe('2026-03-10T23:00:00.000Z');
  });

  it('skips 02:00–02:59 on the last Sunday of March, the day having 23 hours', () => {
    const clock = dayClock('2026-03-29');
    expect(iso(clock.instant(60))).toBe('2026-03-29T00:00:00.000Z');
    expect(iso(clock.instant(180))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(clock.instant(480))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(clock.instant(1440))).toBe('2026-03-29T22:00:00.000Z');
    expect(clock.exists(150)).toBe(false);
    expect(clock.exists(120)).toBe(false);
    expect(clock.exists(180)).toBe(true);
  });

  it('counts the repeated 02:00–02:59 once on the last Sunday of October, the day having 25 hours', () => {
    const clock = dayClock('2026-10-25');
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(iso(clock.instant(150)));
    expect(clock.exists(150)).toBe(true);
    const instants = [60, 90, 120, 150, 180, 210].map((minute) => clock.instant(minute));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(iso(clock.instant(180))).toBe('2026-10-25T02:00:00.000Z');
    expect(iso(clock.instant(480))).toBe('2026-10-25T07:00:00.000Z');
  });
});
