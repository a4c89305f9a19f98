import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { GeometryMap } from './chart/map.tsx';
import { geometryOf, numberOf, planChart } from './chart/plan.ts';
import { BarChart, LineChart, axisTicks } from './chart/svg.tsx';
import type { PublishedField } from './tables.ts';

const format = (value: number) => new Intl.NumberFormat('de-DE').format(value);

describe('which picture a table gets', () => {
  const district: PublishedField = { name: 'stadtteil', type: 'string', title: 'Stadtteil' };
  const people: PublishedField = { name: 'einwohner', type: 'integer', title: 'Einwohner' };
  const year: PublishedField = { name: 'jahr', type: 'year' };

  const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ stadtteil: `Ort ${index}`, jahr: 2020 + index, einwohner: 1000 + index, betreiber: 'Stadtwerke' }));

  it('draws bars for named rows and a line over time, one chart per numeric column', () => {
    expect(planChart([district, people], rows(5))).toEqual({ kind: 'bar', label: district, values: [people] });
    expect(planChart([year, people, { name: 'flaeche', type: 'number' }], rows(5))?.kind).toBe('line');
    expect(planChart([year, people, { name: 'flaeche', type: 'number' }], rows(5))?.values.map((field) => field.name)).toEqual(['einwohner', 'flaeche']);
  });

  it('draws nothing without a label column, without numbers, for one row, or for identifiers and coordinates', () => {
    expect(planChart([people], rows(5))).toBeNull();
    expect(planChart([district], rows(5))).toBeNull();
    expect(planChart([district, people], rows(1))).toBeNull();
    expect(planChart([district, { name: 'nr', type: 'integer', constraints: { unique: true } }], rows(5))).toBeNull();
    expect(planChart([district, { name: 'ladestation_id', type: 'integer' }, { name: 'breitengrad', type: 'number' }, { name: 'postleitzahl', type: 'integer' }], rows(5))).toBeNull();
  });

  it('takes as names only a column whose values tell the rows apart', () => {
    const operator: PublishedField = { name: 'betreiber', type: 'string' };
    expect(planChart([operator, people], rows(5))).toBeNull();
    expect(planChart([operator, district, people], rows(5))?.label).toBe(district);
  });

  it('reads numbers and geometries as the DataStore returns them, an empty cell as a gap', () => {
    expect([numberOf(3), numberOf('2.5'), numberOf(''), numberOf(null), numberOf('abc')]).toEqual([3, 2.5, null, null, null]);
    expect(geometryOf('{"type":"Point","coordinates":[6.31,51.08]}')).toEqual({ type: 'Point', coordinates: [6.31, 51.08] });
    expect(geometryOf({ type: 'Feature' })).toBeNull();
    expect(geometryOf('not json')).toBeNull();
  });
});

describe('the SVG charts', () => {
  it('name themselves as one image with a title and a description', () => {
    const html = renderToString(<BarChart id="c1" title="Einwohner nach Stadtteil" desc="Balkendiagramm mit 2 Werten" labels={['Mitte', 'Oerath']} values={[12000, 3500]} format={format} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c1-title c1-desc"');
    expect(html).toContain('<title id="c1-title">Einwohner nach Stadtteil</title>');
    expect(html).toContain('<desc id="c1-desc">Balkendiagramm mit 2 Werten</desc>');
    expect(html).toContain('12.000');
    expect(html.match(/<rect /g)).toHaveLength(2);
  });

  it('scales bars to the largest value and leaves a row without a value empty', () => {
    const html = renderToString(<BarChart id="c2" title="t" desc="d" labels={['a', 'b', 'c']} values={[100, 50, null]} format={format} />);
    const widths = [...html.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]! / widths[1]!).toBeCloseTo(2, 5);
    expect(html).toContain('>–</text>');
  });

  it('breaks a line where a value is missing instead of dropping to zero', () => {
    const html = renderToString(<LineChart id="l" title="t" desc="d" labels={['2020', '2021', '2022', '2023']} values={[10, null, 12, 14]} format={format} />);
    const path = /<path d="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(html.match(/<circle /g)).toHaveLength(3);
  });

  it('puts axis ticks on round numbers that enclose the values', () => {
    expect(axisTicks(0, 100)).toEqual([0, 50, 100]);
    expect(axisTicks(3, 17)).toEqual([0, 5, 10, 15, 20]);
    expect(axisTicks(0.1, 0.35)).toEqual([0.1, 0.2, 0.3, 0.4]);
  });
});

describe('the map drawn without tiles', () => {
  it('numbers each point by its row and fits the places into the picture, north up', () => {
    const html = renderToString(
      <GeometryMap
        id="m"
        title="Karte"
        desc="2 Orte"
        firstRow={21}
        geometries={[
          { type: 'Point', coordinates: [6.3, 51.1] },
          null,
          { type: 'Point', coordinates: [6.4, 51.0] },
        ]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="m-title">Karte</title>');
    expect(html).toContain('>21</text>');
    expect(html).toContain('>23</text>');
    const circles = [...html.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((match) => [Number(match[1]), Number(match[2])]);
    // The first place lies north-west of the second: left of it and above it.
    expect(circles[0]![0]).toBeLessThan(circles[1]![0]!);
    expect(circles[0]![1]).toBeLessThan(circles[1]![1]!);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('draws polygons and lines as paths and nothing when there is no geometry', () => {
    const html = renderToString(<GeometryMap id="p" title="t" desc="d" firstRow={1} geometries={[{ type: 'Polygon', coordinates: [[[6, 51], [6.1, 51], [6.1, 51.1], [6, 51]]] }, { type: 'LineString', coordinates: [[6, 51], [6.2, 51.2]] }]} />);
    expect(html.match(/<path /g)).toHaveLength(2);
    expect(renderToString(<GeometryMap id="n" title="t" desc="d" firstRow={1} geometries={[null]} />)).toBe('');
  });
});
