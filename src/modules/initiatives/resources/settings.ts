import { ConfigError, defineSettings, settingsOf, type ModuleSettingsCarrier } from '#kernel/settings.ts';

export interface MapTiles {
  url: string;
  attribution: string;
}

/**
 * A tile URL template with {z}, {x} and {y}: an address on the platform's own host (`/karten/{z}/{x}/{y}.png`,
 * which the content security policy allows), or an absolute http(s) one; empty for none.
 */
function tileUrl(raw: string): string {
  if (raw === '') return '';
  if (!['{z}', '{x}', '{y}'].every((part) => raw.includes(part))) throw new ConfigError('must contain {z}, {x} and {y}');
  if (raw.startsWith('/') && !raw.startsWith('//')) return raw;
  let parsed: URL;
  try {
    parsed = new URL(raw.replaceAll(/\{[a-z]\}/g, '0'));
  } catch {
    throw new ConfigError('must be an absolute URL template');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError('must start with https:// or http://');
  return raw;
}

/** What an installation sets for the hub's map; read with `settingsOf(ctx, mapSettings)`. */
export const mapSettings = defineSettings({
  INITIATIVES_MAP_TILE_URL: {
    description:
      'Tile URL template for the initiatives map ({z}/{x}/{y}, e.g. a tile server the city runs); empty shows the markers without a base map, so no external service is asked unless one is set here; the content security policy allows its origin',
    default: '',
    parse: tileUrl,
  },
  INITIATIVES_MAP_TILE_ATTRIBUTION: {
    description: 'The credit the tile source asks for, shown in the corner of the map (plain text, e.g. "© OpenStreetMap-Mitwirkende")',
    default: '',
    parse: (raw: string) => raw,
  },
});

/** The map's tiles as the installation sets them; an empty address means no base map. */
export function mapTilesOf(ctx: { config: ModuleSettingsCarrier }): MapTiles {
  const values = settingsOf(ctx, mapSettings);
  return { url: values.INITIATIVES_MAP_TILE_URL, attribution: values.INITIATIVES_MAP_TILE_ATTRIBUTION };
}

/** The tile server's origin for the content security policy; none when the tiles come from the platform itself. */
export function tileOrigins(ctx: { config: ModuleSettingsCarrier }): string[] {
  const { url } = mapTilesOf(ctx);
  if (url === '' || url.startsWith('/')) return [];
  return [new URL(url.replaceAll(/\{[a-z]\}/g, '0')).origin];
}
