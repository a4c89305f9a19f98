import { Island } from '#kernel/html/islands.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { MapTiles } from '../resources/settings.ts';

/*
 * The map of initiatives as an island. Without JavaScript it is only a note that the list beside it holds
 * the same entries (the list is the page's, and stays the way for screen readers and keyboards); with
 * JavaScript, `islands/map.ts` draws a Leaflet map with a link for each initiative. The points travel as
 * JSON in a data attribute: the content security policy allows no inline script.
 */

export interface MapPoint {
  name: string;
  href: string;
  latitude: number;
  longitude: number;
  domains: readonly string[];
}

export interface MapIslandProps {
  page: PageContext;
  points: readonly MapPoint[];
  /** From `mapTilesOf(ctx)`; an empty address draws the markers without a base map. */
  tiles: MapTiles;
  /** In a form: a click on the map fills these fields (by id) with the place's latitude and longitude. */
  pick?: { latitudeField: string; longitudeField: string };
  /** Distinguishes two maps on one page. */
  id?: string;
}

export function MapIsland({ page, points, tiles, pick, id = 'initiativen-karte' }: MapIslandProps) {
  const { t } = page;
  const data = points.map((point) => ({ name: point.name, href: point.href, lat: point.latitude, lng: point.longitude, domains: point.domains, label: t('initiatives:resources.map.marker', { name: point.name }) }));
  return (
    <div class="initiatives-map-island">
      <p class="initiatives-map__note">{pick ? t('initiatives:resources.map.pickHint') : t('initiatives:resources.map.noScript')}</p>
      <div
        id={id}
        class="initiatives-map"
        hidden
        data-initiatives-map=""
        data-points={JSON.stringify(data)}
        data-tile-url={tiles.url || undefined}
        data-attribution={tiles.attribution || undefined}
        data-label={t('initiatives:resources.map.label')}
        data-picked-text={pick ? t('initiatives:resources.map.picked') : undefined}
        data-pick-latitude={pick?.latitudeField}
        data-pick-longitude={pick?.longitudeField}
      />
      {pick ? <p class="initiatives-map__picked" role="status" id={`${id}-status`} /> : null}
      <Island name="initiatives/map" />
    </div>
  );
}
