/*
 * DEMO DATA, not the city's street register: about eighty street names that sound like Erkelenz, spread
 * over its nine Stadtbezirke, so that forms, suggestions and the parking zones can be tried out on a new
 * installation. Some of the names exist in Erkelenz, others were made up; the residents' parking zones A,
 * B and C around Markt and Johannismarkt are invented for the demonstration. Rows from this file are
 * stored with `source = 'demo'`; `npm run cli -- streets-import --file <csv>` replaces them with the
 * official register. The whole town has one postcode, 41812.
 */

export const demoPostcode = '41812';

/** The Stadtbezirke of Erkelenz by number, as the city lists them (main places only). */
export const districts = {
  erkelenz: 'Erkelenz',
  gerderath: 'Gerderath',
  schwanenberg: 'Schwanenberg',
  golkrath: 'Golkrath',
  granterath: 'Granterath und Hetzerath',
  loevenich: 'Lövenich',
  kueckhoven: 'Kückhoven',
  keyenberg: 'Keyenberg, Venrath und Borschemich',
  holzweiler: 'Holzweiler und Immerath (neu)',
} as const;

export interface DemoStreet {
  name: string;
  district: string;
  parkingZone: string | null;
}

const inDistrict = (district: string, names: readonly string[], zones: Readonly<Record<string, string>> = {}): DemoStreet[] =>
  names.map((name) => ({ name, district, parkingZone: zones[name] ?? null }));

/** Zone A around the Markt, B towards the station and Kölner Straße, C along the western promenades. */
const centreZones: Readonly<Record<string, string>> = {
  Markt: 'A',
  Johannismarkt: 'A',
  Brückstraße: 'A',
  Burgstraße: 'A',
  Gasthausstraße: 'A',
  Goswinstraße: 'A',
  'Kölner Straße': 'B',
  Bahnhofstraße: 'B',
  Ostpromenade: 'B',
  Südpromenade: 'B',
  'Theodor-Körner-Straße': 'C',
  Westpromenade: 'C',
  Nordpromenade: 'C',
  'Aachener Straße': 'C',
};

export const demoStreets: readonly DemoStreet[] = [
  ...inDistrict(
    districts.erkelenz,
    [
      'Markt', 'Johannismarkt', 'Brückstraße', 'Burgstraße', 'Gasthausstraße', 'Goswinstraße', 'Kölner Straße', 'Bahnhofstraße',
      'Ostpromenade', 'Südpromenade', 'Westpromenade', 'Nordpromenade', 'Theodor-Körner-Straße', 'Aachener Straße',
      'Anton-Heinen-Straße', 'Neusser Straße', 'Roermonder Straße', 'Krefelder Straße', 'Tenholter Straße', 'Wockerather Weg',
      'Mühlenstraße', 'Maarweg', 'Am Schneller', 'Schulring', 'Karolingerring', 'Graf-Reinald-Straße', 'Konrad-Adenauer-Platz',
      'Franziskanerplatz', 'Heinrich-Jansen-Weg', 'Zehnthofweg', 'Kreuzherrenweg', 'Buscherhofweg', 'Ziegelweiherstraße',
      'Philippstraße', 'Freiheitstraße', 'Am Weiher', 'Lerchenweg', 'Amselweg', 'Drosselweg', 'Bellinghovener Straße',
      'Oerather Mühlenfeld', 'Borschemicher Straße', 'Kapuzinergasse', 'Wallstraße',
    ],
    centreZones,
  ),
  ...inDistrict(districts.gerderath, ['Myhler Straße', 'Fronderather Straße', 'Gerderhahner Straße', 'Moorheide', 'Vossemer Straße', 'Gerderather Kirchplatz']),
  ...inDistrict(districts.schwanenberg, ['Geneikener Straße', 'Lentholter Weg', 'Grambuscher Weg', 'Genfelder Straße']),
  ...inDistrict(districts.golkrath, ['Houverather Straße', 'Matzerather Straße', 'Hovener Weg', 'Golkrather Dorfstraße']),
  ...inDistrict(districts.granterath, ['Granterather Straße', 'Hetzerather Straße', 'Commerdener Weg', 'Scheidter Weg', 'Genehener Straße']),
  ...inDistrict(districts.loevenich, ['Lövenicher Hauptstraße', 'Katzemer Straße', 'Kleinbouslarer Weg', 'Lövenicher Kirchweg']),
  ...inDistrict(districts.kueckhoven, ['Kückhovener Dorfstraße', 'Peschweg', 'An der Lindenallee']),
  ...inDistrict(districts.keyenberg, ['Keyenberger Straße', 'Kuckumer Straße', 'Venrather Straße', 'Berverather Weg', 'Westricher Straße', 'Mennekrather Weg']),
  ...inDistrict(districts.holzweiler, ['Holzweiler Straße', 'Dackweiler Weg', 'Hauerhofweg', 'Immerather Ring']),
];
