/*
 * Where an initiative meets, on the map: coordinates typed, or written into the fields by a click on the map.
 */

export type Place = { latitude: number; longitude: number } | null;
export type PlaceProblem = { field: 'latitude' | 'longitude'; code: string };

const coordinate = (text: string) => (text === '' ? null : Number(text.replace(',', '.')));

/** Both coordinates or neither, each on Earth; the form's pattern has made sure they are numbers. */
export function placeOf(input: { latitude: string; longitude: string }): { ok: true; place: Place } | { ok: false; problem: PlaceProblem } {
  const latitude = coordinate(input.latitude);
  const longitude = coordinate(input.longitude);
  if ((latitude === null) !== (longitude === null)) return { ok: false, problem: { field: latitude === null ? 'latitude' : 'longitude', code: 'initiatives:moderation.errors.coordinatePair' } };
  if (latitude !== null && Math.abs(latitude) > 90) return { ok: false, problem: { field: 'latitude', code: 'initiatives:moderation.errors.coordinateRange' } };
  if (longitude !== null && Math.abs(longitude) > 180) return { ok: false, problem: { field: 'longitude', code: 'initiatives:moderation.errors.coordinateRange' } };
  return { ok: true, place: latitude === null || longitude === null ? null : { latitude, longitude } };
}
