import { ConfigError, defineSettings, url } from '#kernel/settings.ts';

/** What an installation sets for the catalogue; read with `settingsOf(ctx, catalogSettings)`. */
export const catalogSettings = defineSettings({
  MAP_URL_TEMPLATE: {
    description: "Map service that office pages link their address to, for directions; {address} stands for the office's address (URL-encoded)",
    default: 'https://www.openstreetmap.org/search?query={address}',
    parse: (raw: string) => {
      if (!raw.includes('{address}')) throw new ConfigError('must contain {address} where the address goes');
      url('http:', 'https:')(raw.replaceAll('{address}', 'x'));
      return raw;
    },
  },
});
