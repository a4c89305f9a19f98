import type { Geometry, Position } from './plan.ts';

/*
 * A map without a map service: the geometries drawn as SVG on the server, north up, in a plain
 * equirectangular projection corrected for the latitude (at a city's scale, the difference to Web Mercator
 * is invisible). No tiles from other servers, nothing for a visitor's browser to fetch. Points carry the
 * number of their row in the table beside the map, which lists the places as text.
 */

export interface MapProps {
  id: string;
  title: string;
  desc: string;
  /** One geometry per row of the table, null for a row without one; the numbers shown start at `firstRow`. */
  geometries: readonly (Geometry | null)[];
  firstRow: number;
}

const width = 400;
const margin = 16;
const ink = '#131525';
const fill = '#1c4f8c';

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

export function GeometryMap(props: MapProps) {
  const all = props.geometries.flatMap((geometry) => (geometry ? positionsOf(geometry) : []));
  if (all.length === 0) return null;
  const lons = all.map((position) => position[0]);
  const lats = all.map((position) => position[1]);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const stretch = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = (east - west) * stretch || 0.01;
  const spanY = north - south || 0.01;
  const scale = (width - 2 * margin) / Math.max(spanX, spanY);
  const height = Math.round(Math.max(spanY * scale + 2 * margin, 160));
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const point = (position: Position) => `${(offsetX + (position[0] - west) * stretch * scale).toFixed(1)} ${(offsetY + (north - position[1]) * scale).toFixed(1)}`;
  const line = (positions: Position[], closed: boolean) => `M${positions.map(point).join('L')}${closed ? 'Z' : ''}`;
  return (
    <svg class="chart-svg opendata-map" xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`} font-size={11}>
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.desc}</desc>
      <rect x={0} y={0} width={width} height={height} fill="#f3f5f8" />
      {props.geometries.map((geometry, index) => {
        if (!geometry) return null;
        const row = String(props.firstRow + index);
        switch (geometry.type) {
          case 'Point':
          case 'MultiPoint': {
            const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
            return positions.map((position, part) => {
              const [cx, cy] = point(position).split(' ').map(Number) as [number, number];
              return (
                <g key={`${index}-${part}`}>
                  <circle cx={cx} cy={cy} r={9} fill={fill} stroke="#ffffff" stroke-width={1.5} />
                  <text x={cx} y={cy + 4} text-anchor="middle" fill="#ffffff" font-size={row.length > 2 ? 8 : 11}>
                    {row}
                  </text>
                </g>
              );
            });
          }
          case 'LineString':
            return <path key={index} d={line(geometry.coordinates, false)} fill="none" stroke={fill} stroke-width={2} />;
          case 'MultiLineString':
            return <path key={index} d={geometry.coordinates.map((part) => line(part, false)).join('')} fill="none" stroke={fill} stroke-width={2} />;
          case 'Polygon':
            return <path key={index} d={geometry.coordinates.map((ring) => line(ring, true)).join('')} fill={fill} fill-opacity={0.25} fill-rule="evenodd" stroke={ink} stroke-width={1} />;
          case 'MultiPolygon':
            return <path key={index} d={geometry.coordinates.flatMap((polygon) => polygon.map((ring) => line(ring, true))).join('')} fill={fill} fill-opacity={0.25} fill-rule="evenodd" stroke={ink} stroke-width={1} />;
        }
      })}
    </svg>
  );
}
