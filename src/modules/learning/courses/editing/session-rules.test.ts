import { describe, expect, it } from 'vitest';
import { readSession, type SessionInput } from './session-rules.ts';

const now = new Date('2026-12-01T10:00:00Z');
const input = (overrides: Partial<SessionInput> = {}): SessionInput => ({
  meetings: [{ row: 1, date: '2027-03-26', from: '10:00', to: '12:00' }],
  place: 'Rathaus',
  address: 'Johannismarkt 17, 41812 Erkelenz',
  onlineUrl: '',
  capacity: 10,
  minParticipants: 2,
  decideByDate: null,
  decideByTime: null,
  trainer: null,
  ...overrides,
});

describe('reading a session', () => {
  it('orders meetings, takes Berlin time across the clock change and sets the deadline five days before', () => {
    const read = readSession(input({ meetings: [{ row: 2, date: '2027-04-02', from: '10:00', to: '12:00' }, { row: 4, date: '2027-03-26', from: '10:00', to: '12:00' }] }), now, null);
    expect(read.ok && read.meetings.map((meeting) => meeting.starts_at.toISOString())).toEqual(['2027-03-26T09:00:00.000Z', '2027-04-02T08:00:00.000Z']);
    expect(read.ok && read.decideBy.toISOString()).toBe('2027-03-21T09:00:00.000Z');
  });

  it('names the row of each problem', () => {
    const read = readSession(
      input({
        meetings: [
          { row: 1, date: '2027-03-26', from: '10:00', to: '12:00' },
          { row: 3, date: '2027-03-26', from: '11:00', to: '13:00' },
          { row: 5, date: '2027-03-27', from: '14:00', to: '13:00' },
        ],
        place: '',
        onlineUrl: 'zoom',
      }),
      now,
      null,
    );
    expect(read.errors).toEqual({
      meeting3Date: { code: 'learning:courseEditing.errors.meetingOverlap', values: { other: 1 } },
      meeting5To: { code: 'learning:courseEditing.errors.meetingEnd' },
      place: { code: 'learning:courseEditing.errors.placeMissing' },
      onlineUrl: { code: 'learning:courseEditing.errors.onlineUrl' },
    });
  });

  it('asks for a deadline when five days before is already past, and refuses one after the start', () => {
    const soon = { meetings: [{ row: 1, date: '2026-12-03', from: '10:00', to: '12:00' }] };
    expect(readSession(input(soon), now, null).errors.decideByDate?.code).toBe('learning:courseEditing.errors.decideByNeeded');
    expect(readSession(input({ ...soon, decideByDate: '2026-12-04' }), now, null).errors.decideByDate?.code).toBe('learning:courseEditing.errors.decideByAfterStart');
    expect(readSession(input({ ...soon, decideByDate: '2026-12-02', decideByTime: '18:00' }), now, null).ok).toBe(true);
  });
});
