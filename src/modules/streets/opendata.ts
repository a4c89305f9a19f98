import { columnsUnder, defineDataset, type Row } from '#kernel/declarations/datasets.ts';
import { allStreets, streetsDb } from './repo.ts';
import { streetSources } from './tables.ts';

/*
 * The street register as open data: every street with its postcode, Stadtbezirk, residents' parking zone
 * and coordinates where known. `source` says whether a row is the city's official register or demo data.
 */

const column = columnsUnder('streets:openData.columns');

export const streetsDataset = defineDataset({
  id: 'streets.register',
  title: 'streets:openData.register.title',
  description: 'streets:openData.register.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'IRREG',
  themes: ['REGI', 'TRAN'],
  refresh: '25 4 * * *',
  schema: {
    primaryKey: ['name', 'postcode'],
    fields: [
      column('name', 'string', { constraints: { required: true } }),
      column('postcode', 'string', { constraints: { required: true, pattern: '[0-9]{5}' } }),
      column('district', 'string'),
      column('parking_zone', 'string'),
      column('latitude', 'number', { constraints: { minimum: -90, maximum: 90 } }),
      column('longitude', 'number', { constraints: { minimum: -180, maximum: 180 } }),
      column('source', 'string', { constraints: { required: true, enum: streetSources } }),
    ],
  },
  rows: async (db) =>
    (await allStreets(streetsDb(db))).map(
      (street): Row => ({
        name: street.name,
        postcode: street.postcode,
        district: street.district,
        parking_zone: street.parkingZone,
        latitude: street.latitude,
        longitude: street.longitude,
        source: street.source,
      }),
    ),
});
