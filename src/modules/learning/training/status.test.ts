import { describe, expect, it } from 'vitest';
import { addMonths, appliesTo, daysUntil, dueOrder, expiryOf, latestExpiry, statusOn, type DueEntry } from './status.ts';

describe('the expiry of a completion', () => {
  it('is the day before the same date the valid months later', () => {
    expect(expiryOf('2025-03-15', 24)).toBe('2027-03-14');
    expect(expiryOf('2026-01-01', 12)).toBe('2026-12-31');
  });

  it('falls on the last day of a shorter month less one, and leap days are kept where they exist', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-01-31', 13)).toBe('2028-02-29');
    expect(expiryOf('2024-02-29', 12)).toBe('2025-02-27');
    expect(addMonths('2026-05-15', -24)).toBe('2024-05-15');
  });
});

describe('where a person stands', () => {
  const today = '2027-01-10';

  it('is missing without a completion, expired after the last valid day, expiring within the reminder window, current before it', () => {
    expect(statusOn(today, null, 60)).toBe('missing');
    expect(statusOn(today, '2027-01-09', 60)).toBe('expired');
    expect(statusOn(today, '2027-01-10', 60)).toBe('expiring');
    expect(statusOn(today, '2027-03-11', 60)).toBe('expiring');
    expect(statusOn(today, '2027-03-12', 60)).toBe('current');
  });

  it('counts the completion that runs longest, and the days left until it runs out', () => {
    expect(latestExpiry(['2026-05-01', '2028-05-01', '2027-05-01'])).toBe('2028-05-01');
    expect(latestExpiry([])).toBeNull();
    expect(daysUntil(today, '2027-02-09')).toBe(30);
    expect(daysUntil(today, '2027-01-08')).toBe(-2);
  });

  it('applies a requirement without roles to everyone, one with roles to those holding any of them', () => {
    expect(appliesTo({ roles: [] }, [])).toBe(true);
    expect(appliesTo({ roles: ['caseworker', 'editor'] }, ['print-room', 'editor'])).toBe(true);
    expect(appliesTo({ roles: ['caseworker'] }, ['trainer'])).toBe(false);
  });
});

describe('who is due first', () => {
  it('puts the longest expired first, then the missing, then the soonest expiring, then the current, by name within each', () => {
    const entries: DueEntry[] = [
      { name: 'Current', status: 'current', expiresOn: '2028-01-01' },
      { name: 'Soon later', status: 'expiring', expiresOn: '2027-02-20' },
      { name: 'Bruno', status: 'missing', expiresOn: null },
      { name: 'Expired lately', status: 'expired', expiresOn: '2027-01-05' },
      { name: 'Soon', status: 'expiring', expiresOn: '2027-02-01' },
      { name: 'Anna', status: 'missing', expiresOn: null },
      { name: 'Expired long ago', status: 'expired', expiresOn: '2025-06-30' },
    ];
    expect([...entries].sort(dueOrder).map((entry) => entry.name)).toEqual(['Expired long ago', 'Expired lately', 'Anna', 'Bruno', 'Soon', 'Soon later', 'Current']);
  });
});
