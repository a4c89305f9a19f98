import { describe, expect, it } from 'vitest';
import { counterRanges, intersect, locationRanges, normalise, subtract } from './periods.ts';

describe('minute ranges', () => {
  it('sorts, joins overlapping and touching ranges and drops empty ones', () => {
    expect(normalise([[600, 700], [480, 540], [540, 560], [650, 720], [800, 800]])).toEqual([[480, 560], [600, 720]]);
  });

  it('intersects and subtracts', () => {
    expect(intersect([[480, 720], [840, 1080]], [[540, 900]])).toEqual([[540, 720], [840, 900]]);
    expect(intersect([[480, 720]], [[720, 800]])).toEqual([]);
    expect(subtract([[480, 720]], [[600, 630], [700, 800]])).toEqual([[480, 600], [630, 700]]);
    expect(subtract([[480, 720]], [[400, 800]])).toEqual([]);
  });
});

describe('open ranges of a day', () => {
  const open = [{ opens: '08:00', closes: '12:00' }];
  const breaks = [{ day: 1, from: '10:00', to: '10:30' }];

  it('takes the breaks of that weekday out of the location hours', () => {
    expect(locationRanges(open, breaks, 1)).toEqual([[480, 600], [630, 720]]);
    expect(locationRanges(open, breaks, 2)).toEqual([[480, 720]]);
    expect(locationRanges([], breaks, 1)).toEqual([]);
  });

  it("narrows to the counter's own hours, and closes it on a weekday it has none", () => {
    const location = locationRanges(open, breaks, 1);
    const counter = { id: 'c2', services: [], hours: [{ day: 1, opens: '09:00', closes: '11:00' }] };
    expect(counterRanges(location, counter, 1)).toEqual([[540, 600], [630, 660]]);
    expect(counterRanges(location, counter, 2)).toEqual([]);
    expect(counterRanges(location, { id: 'c1', services: [] }, 1)).toEqual(location);
  });
});
