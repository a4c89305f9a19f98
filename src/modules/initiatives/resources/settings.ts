import { ConfigError, defineSettings } from '#kernel/settings.ts';

/** A tile URL template with {z}, {x} and {y}, over http(s); empty for none. */
function tileUrl(raw: string): string {
  if (raw === '') return '';
  if (!['{z}', '{x}', '{y}'].every((part) => raw.includes(part))) throw new ConfigError('must contain {z}, {x} and {y}');
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
      'Tile URL template for the initiatives map ({z}/{x}/{y}, e.g. a tile server the city runs); empty shows the markers without a base map, so no external service is asked unless one is set here',
    default: '',
    parse: tileUrl,
  },
});
