import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { GeometryMap } from './chart/map.tsx';
import { chartRows, geometryOf, isIdentifier, numberOf, planChart } from './chart/plan.ts';
import { BarChart, LineChart, axisTicks, labelLines } from '#kernel/html/charts.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { PublishedField } from './tables.ts';
import { placeName } from './views/portal-parts.tsx';
import { cellText } from './views/portal-resource.tsx';

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

describe('the order a chart draws its rows in', () => {
  const day: PublishedField = { name: 'messtag', type: 'date' };
  const value: PublishedField = { name: 'wert', type: 'number' };
  const rows = [
    { messtag: '2024-03-01', wert: 3 },
    { messtag: '2023-12-31', wert: 1 },
    { messtag: null, wert: 9 },
    { messtag: '2024-01-15', wert: 2 },
  ];

  it('runs a line along its dates, earliest first, whatever the order of the table, rows without a date last', () => {
    const plan = planChart([day, value], rows)!;
    expect(plan.kind).toBe('line');
    expect(chartRows(plan, rows).map((row) => row.wert)).toEqual([1, 2, 3, 9]);
    // The table itself is left as the reader sorted it.
    expect(rows.map((row) => row.wert)).toEqual([3, 1, 9, 2]);
  });

  it('orders years and year-months as times, and keeps bars in the order of the table', () => {
    const years = [{ jahr: 2022, n: 1 }, { jahr: 2020, n: 2 }, { jahr: 2021, n: 3 }];
    expect(chartRows({ kind: 'line', label: { name: 'jahr', type: 'year' }, values: [] }, years).map((row) => row.jahr)).toEqual([2020, 2021, 2022]);
    const months = [{ monat: '2024-11', n: 1 }, { monat: '2024-02', n: 2 }];
    expect(chartRows({ kind: 'line', label: { name: 'monat', type: 'yearmonth' }, values: [] }, months).map((row) => row.monat)).toEqual(['2024-02', '2024-11']);
    const named = [{ ort: 'Mitte', n: 5 }, { ort: 'Abteiviertel', n: 7 }];
    expect(chartRows({ kind: 'bar', label: { name: 'ort', type: 'string' }, values: [] }, named).map((row) => row.ort)).toEqual(['Mitte', 'Abteiviertel']);
  });
});

describe('numbers in the table preview', () => {
  // No text of the page is asked for here: the numbers and dates are formatted without it.
  const page = { t: (key: string) => key, lang: 'de' } as unknown as Pick<PageContext, 't' | 'lang'>;

  it('takes integer columns named as identifiers, or keys of the table, for identifiers; measures and other types not', () => {
    const integer = (name: string, extra: Partial<PublishedField> = {}): PublishedField => ({ name, type: 'integer', ...extra });
    for (const name of ['baum_nr', 'id', 'ladestation_id', 'kennung', 'objektkennung', 'gemeindeschluessel', 'plz', 'postleitzahl', 'hausnummer', 'ags']) expect(isIdentifier(integer(name)), name).toBe(true);
    for (const name of ['einwohner', 'anzahl', 'stammumfang', 'grid', 'nutzung']) expect(isIdentifier(integer(name)), name).toBe(false);
    expect(isIdentifier(integer('objekt', { constraints: { unique: true } }))).toBe(true);
    expect(isIdentifier(integer('objekt'), ['objekt'])).toBe(true);
    expect(isIdentifier({ name: 'baum_nr', type: 'number' })).toBe(false);
  });

  it('writes an identifier as it is looked up and groups a measure', () => {
    expect(cellText(page, { name: 'baum_nr', type: 'integer' }, 900001, { identifier: true })).toBe('900001');
    expect(cellText(page, { name: 'einwohner', type: 'integer' }, 900001)).toBe('900.001');
    expect(cellText(page, { name: 'umfang', type: 'number' }, 1234.5)).toBe('1.234,5');
    expect(cellText(page, { name: 'pflanzdatum', type: 'date' }, '1998-03-12')).toBe('12.03.1998');
    expect(cellText(page, { name: 'monat', type: 'yearmonth' }, '2025-12')).toBe('Dez.\u00a02025');
  });
});

describe('the area a dataset covers', () => {
  it('names a municipality by its key, the city by its configured name, a district as written', () => {
    expect(placeName('05370004', 'Erkelenz')).toEqual({ name: 'Erkelenz', key: '05370004' });
    expect(placeName('05370012', 'Erkelenz')).toEqual({ name: 'Geilenkirchen', key: '05370012' });
    expect(placeName('09162000', 'Erkelenz')).toEqual({ name: '', key: '09162000' });
    expect(placeName('Holzweiler', 'Erkelenz')).toEqual({ name: 'Holzweiler', key: null });
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

  it('breaks a long label between words onto a second line instead of cutting the name', () => {
    expect(labelLines('Gerderath')).toEqual(['Gerderath']);
    expect(labelLines('Granterath und Hetzerath')).toEqual(['Granterath und', 'Hetzerath']);
    expect(labelLines('Keyenberg, Venrath und Borschemich')).toEqual(['Keyenberg, Venrath', 'und Borschemich']);
    expect(labelLines('Donaudampfschifffahrtsgesellschaft')).toEqual(['Donaudampfschifffa…']);
    const html = renderToString(<BarChart id="c3" title="t" desc="d" labels={['Erkelenz', 'Granterath und Hetzerath']} values={[20654, 3380]} format={format} />);
    expect(html).toContain('>Granterath und</tspan>');
    expect(html).toContain('>Hetzerath</tspan>');
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
