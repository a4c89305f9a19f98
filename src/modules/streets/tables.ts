import type { ColumnType, Generated, Selectable } from 'kysely';

export const streetSources = ['demo', 'official'] as const;
export type StreetSource = (typeof streetSources)[number];

/** PostgreSQL hands `numeric` back as text, to lose no digit; coordinates are written as numbers. */
type Coordinate = ColumnType<string | null, number | null | undefined, number | null>;

export type StreetsTables = {
  streets: {
    id: Generated<string>;
    name: string;
    name_key: string;
    postcode: string;
    /** The Stadtbezirk the street lies in, by name. */
    district: string | null;
    /** The residents' parking zone (letter or code), where the street lies in one. */
    parking_zone: string | null;
    latitude: Coordinate;
    longitude: Coordinate;
    source: StreetSource;
    updated_at: Generated<Date>;
  };
};

export type StreetRow = Selectable<StreetsTables['streets']>;
