import { DateTime } from 'luxon';

/*
 * The zone names feeds carry. Most name an IANA zone; calendars from Microsoft Exchange and Outlook name
 * Windows zones ("W. Europe Standard Time"), and some programs prefix the IANA name with their own path
 * ("/mozilla.org/20050126_1/Europe/Berlin"). Each is read as the IANA zone it means, so a weekly event
 * stays at its wall-clock hour across the change to summer time.
 */

/** The Windows zones a feed read in Erkelenz is likely to use (CLDR's windowsZones, territory 001). */
const windowsZones: Readonly<Record<string, string>> = {
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'UTC': 'UTC',
  'Coordinated Universal Time': 'UTC',
  'GTB Standard Time': 'Europe/Bucharest',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Russian Standard Time': 'Europe/Moscow',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
};

/** The zone events without a zone of their own (floating times, whole days) are read in. */
export const defaultZone = 'Europe/Berlin';

const isZone = (name: string) => DateTime.local().setZone(name).isValid;

/** The IANA zone a feed's TZID means, or null when it names none we know (its VTIMEZONE may still tell). */
export function ianaZone(tzid: string): string | null {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (name === '') return null;
  const windows = windowsZones[name];
  if (windows) return windows;
  // A name with a slash is only taken as IANA when luxon knows it: "Custom/Zone" must not pass as a guess.
  if (!/^[+-]?\d/.test(name) && isZone(name)) return name;
  // "/mozilla.org/20050126_1/Europe/Berlin", "/citadel.org/20190914_1/Europe/Berlin": the last two parts.
  const parts = name.split('/').filter(Boolean);
  for (let length = 3; length >= 2; length--) {
    if (parts.length < length) continue;
    const tail = parts.slice(-length).join('/');
    if (isZone(tail)) return tail;
  }
  return null;
}
