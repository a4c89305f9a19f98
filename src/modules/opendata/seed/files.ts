import iconv from 'iconv-lite';

/*
 * The demo datasets' files, made as the city's offices would hand them in: a German spreadsheet export
 * (Windows-1252, semicolons, decimal commas, dd.mm.yyyy) beside clean UTF-8 and GeoJSON, so the portal's
 * reading of messy files shows from the first start.
 */

/** The nine Stadtbezirke with their inhabitants as the city published them (31.12.2018 and 31.12.2021). */
export const districts = [
  { number: '01', name: 'Erkelenz', y2018: 20654, y2021: 20643 },
  { number: '02', name: 'Gerderath', y2018: 5250, y2021: 5278 },
  { number: '03', name: 'Schwanenberg', y2018: 2278, y2021: 2222 },
  { number: '04', name: 'Golkrath', y2018: 2036, y2021: 2069 },
  { number: '05', name: 'Granterath und Hetzerath', y2018: 3380, y2021: 3420 },
  { number: '06', name: 'Lövenich', y2018: 4042, y2021: 4113 },
  { number: '07', name: 'Kückhoven', y2018: 2366, y2021: 2425 },
  { number: '08', name: 'Keyenberg, Venrath und Borschemich', y2018: 3749, y2021: 3624 },
  { number: '09', name: 'Holzweiler und Immerath (neu)', y2018: 2265, y2021: 2275 },
] as const;

const quoted = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const germanNumber = (value: number, digits = 1) => value.toFixed(digits).replace('.', ',');

/** UTF-8, commas: the districts as a statistics office exports them. */
export function districtsCsv(): Buffer {
  const lines = ['Stadtbezirk-Nr,Stadtbezirk,Einwohner 2018,Einwohner 2021,Veränderung in %'];
  for (const district of districts) {
    const change = ((district.y2021 - district.y2018) / district.y2018) * 100;
    lines.push([district.number, /,/.test(district.name) ? `"${district.name}"` : district.name, district.y2018, district.y2021, change.toFixed(2)].join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Fictitious charging stations in the Ladesäulenregister's layout: Windows-1252, semicolons, decimal commas. */
export function chargingStationsCsv(): Buffer {
  const header = ['Ladeeinrichtungs-ID', 'Betreiber', 'Status', 'Art der Ladeeinrichtung', 'Anzahl Ladepunkte', 'Nennleistung Ladeeinrichtung [kW]', 'Inbetriebnahmedatum', 'Straße', 'Hausnummer', 'Postleitzahl', 'Ort', 'Breitengrad', 'Längengrad', 'Bezahlsysteme'];
  const stations = [
    ['900001', 'Beispiel Energie GmbH (FIKTIV)', 'In Betrieb', 'Normalladeeinrichtung', 2, 22, '15.03.2021', 'Johannismarkt', '17', '41812', 'Erkelenz', 51.0797, 6.3155, 'RFID-Karte;Onlinezahlungsverfahren'],
    ['900002', 'Beispiel Energie GmbH (FIKTIV)', 'In Betrieb', 'Schnellladeeinrichtung', 2, 150, '01.07.2023', 'Bahnhofstraße', '2', '41812', 'Erkelenz', 51.0822, 6.3219, 'Debitkarte;Kreditkarte'],
    ['900003', 'Muster Ladenetz AG (FIKTIV)', 'In Wartung', 'Normalladeeinrichtung', 1, 11, '20.11.2019', 'Geilenkirchener Straße', '5', '41812', 'Erkelenz-Gerderath', 51.0951, 6.2897, 'RFID-Karte'],
    ['900004', 'Muster Ladenetz AG (FIKTIV)', 'In Betrieb', 'Normalladeeinrichtung', 2, 22, '04.05.2022', 'Kölner Straße', '30', '41812', 'Erkelenz', 51.0765, 6.3247, 'RFID-Karte;Kreditkarte'],
    ['900005', 'Stadtwerke Beispiel (FIKTIV)', 'In Betrieb', 'Schnellladeeinrichtung', 4, 300, '12.09.2024', 'Schulring', '1', '41812', 'Erkelenz', 51.0838, 6.3094, 'Debitkarte;Kreditkarte;Onlinezahlungsverfahren'],
    ['900006', 'Stadtwerke Beispiel (FIKTIV)', 'In Betrieb', 'Normalladeeinrichtung', 2, 11, '30.01.2020', 'Dorfstraße', '8', '41812', 'Erkelenz-Lövenich', 51.0571, 6.2969, 'RFID-Karte'],
    ['900007', 'Beispiel Energie GmbH (FIKTIV)', 'In Betrieb', 'Normalladeeinrichtung', 2, 22, '18.06.2025', 'Holzweiler Straße', '12', '41812', 'Erkelenz-Kückhoven', 51.0664, 6.3461, 'Onlinezahlungsverfahren'],
    ['900008', 'Muster Ladenetz AG (FIKTIV)', 'In Betrieb', 'Normalladeeinrichtung', 2, 22, '02.02.2026', 'Marktplatz', '3', '41812', 'Erkelenz-Keyenberg (neu)', 51.0877, 6.3566, 'RFID-Karte'],
  ] as const;
  const lines = [header.join(';'), ...stations.map((row) => row.map((cell) => (typeof cell === 'number' && !Number.isInteger(cell) ? germanNumber(cell, 4) : quoted(String(cell)))).join(';'))];
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252');
}

/** Fictitious public facilities as GeoJSON points (WGS 84). */
export function facilitiesGeoJson(): Buffer {
  const facilities = [
    { name: 'Rathaus', kind: 'Verwaltung', address: 'Johannismarkt 17', lon: 6.3155, lat: 51.0797 },
    { name: 'Bürgerbüro', kind: 'Verwaltung', address: 'Johannismarkt 17', lon: 6.3157, lat: 51.0799 },
    { name: 'Stadtbücherei', kind: 'Kultur', address: 'Schulring 2', lon: 6.3101, lat: 51.0835 },
    { name: 'Hallenbad', kind: 'Sport', address: 'Krefelder Straße 40', lon: 6.3248, lat: 51.0868 },
    { name: 'Jugendzentrum', kind: 'Soziales', address: 'Westpromenade 5', lon: 6.3112, lat: 51.0789 },
    { name: 'Wertstoffhof', kind: 'Umwelt', address: 'Am Gewerbepark 8', lon: 6.3392, lat: 51.0712 },
    { name: 'Feuerwache', kind: 'Sicherheit', address: 'Neusser Straße 21', lon: 6.3284, lat: 51.0801 },
  ];
  return Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: facilities.map((facility) => ({
        type: 'Feature',
        properties: { name: facility.name, art: facility.kind, adresse: facility.address },
        geometry: { type: 'Point', coordinates: [facility.lon, facility.lat] },
      })),
    }),
    'utf8',
  );
}

/** A fictitious waste collection calendar for 2027: every district, fortnightly residual and bio waste, monthly paper. */
export function wasteCalendarCsv(): Buffer {
  const lines = ['Stadtbezirk;Abfuhrtag;Abfallart'];
  const kinds = [
    { kind: 'Restmüll', every: 14, offset: 0 },
    { kind: 'Bioabfall', every: 14, offset: 7 },
    { kind: 'Papier', every: 28, offset: 14 },
    { kind: 'Gelber Sack', every: 14, offset: 7 },
  ];
  for (const [index, district] of districts.entries()) {
    for (const { kind, every, offset } of kinds) {
      // Each district has its weekday, Monday to Friday; every kind comes on that weekday.
      for (let day = offset + (index % 5); day < 365; day += every) {
        const date = new Date(Date.UTC(2027, 0, 4 + day));
        const text = `${String(date.getUTCDate()).padStart(2, '0')}.${String(date.getUTCMonth() + 1).padStart(2, '0')}.${date.getUTCFullYear()}`;
        lines.push([quoted(district.name), text, kind].join(';'));
      }
    }
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252');
}
