import * as L from 'leaflet';

/*
 * The initiatives map: each `[data-initiatives-map]` becomes a Leaflet map whose markers are links to the
 * initiatives' pages, reached by Tab and followed with Enter, named by their text. Tiles come only from the
 * address the installation set; without one the markers stand on their own. In a form, a click on the map
 * writes the place into the latitude and longitude fields and says so in a live region.
 */

interface Point {
  name: string;
  href: string;
  lat: number;
  lng: number;
  label: string;
}

/** The town centre, where a map with no points opens. */
const erkelenz: L.LatLngTuple = [51.0799, 6.3156];

function addStylesheet(): void {
  if (document.querySelector('link[data-initiatives-map-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/initiatives/map.css';
  link.dataset.initiativesMapCss = '';
  document.head.append(link);
}

function markerIcon(point: Point): L.DivIcon {
  const link = document.createElement('a');
  link.href = point.href;
  link.className = 'initiatives-map__marker';
  link.setAttribute('aria-label', point.label);
  link.title = point.name;
  return L.divIcon({ html: link, className: 'initiatives-map__icon', iconSize: [24, 24], iconAnchor: [12, 12] });
}

function readPoints(container: HTMLElement): Point[] {
  try {
    const parsed: unknown = JSON.parse(container.dataset.points ?? '[]');
    return Array.isArray(parsed) ? (parsed as Point[]).filter((point) => Number.isFinite(point.lat) && Number.isFinite(point.lng)) : [];
  } catch {
    return [];
  }
}

function pickInto(map: L.Map, container: HTMLElement): void {
  const latitude = container.dataset.pickLatitude ? (document.getElementById(container.dataset.pickLatitude) as HTMLInputElement | null) : null;
  const longitude = container.dataset.pickLongitude ? (document.getElementById(container.dataset.pickLongitude) as HTMLInputElement | null) : null;
  if (!latitude || !longitude) return;
  const status = document.getElementById(`${container.id}-status`);
  let chosen: L.CircleMarker | undefined;
  const show = (lat: number, lng: number) => {
    chosen ??= L.circleMarker([lat, lng], { radius: 8, className: 'initiatives-map__chosen' }).addTo(map);
    chosen.setLatLng([lat, lng]);
  };
  const typed = [Number(latitude.value.replace(',', '.')), Number(longitude.value.replace(',', '.'))] as const;
  if (latitude.value && longitude.value && typed.every(Number.isFinite)) {
    show(typed[0], typed[1]);
    map.setView([typed[0], typed[1]], 15);
  }
  map.on('click', (event: L.LeafletMouseEvent) => {
    const lat = event.latlng.lat.toFixed(6);
    const lng = event.latlng.lng.toFixed(6);
    latitude.value = lat;
    longitude.value = lng;
    show(Number(lat), Number(lng));
    if (status) status.textContent = (container.dataset.pickedText ?? '').replace('{{latitude}}', lat).replace('{{longitude}}', lng);
  });
}

/** Space between two markers' centres: each a 24-pixel target with room around it (WCAG 2.5.8). */
const markerSpacing = 30;

/**
 * Places at one address (several initiatives meeting in the town hall) would stack their markers, and a
 * covered marker cannot be reached by pointer. At each zoom, a marker too close to one already placed moves
 * out on a spiral around its place until it stands free; its link still names the initiative.
 */
function spread(map: L.Map, markers: readonly L.Marker[], points: readonly Point[]): void {
  const placed: L.Point[] = [];
  markers.forEach((marker, index) => {
    const point = points[index]!;
    const home = map.latLngToLayerPoint([point.lat, point.lng]);
    let spot = home;
    for (let turn = 1; placed.some((other) => other.distanceTo(spot) < markerSpacing) && turn <= 60; turn += 1) {
      const angle = turn * 2.4;
      const radius = markerSpacing * (1 + Math.floor(turn / 8));
      spot = home.add([Math.cos(angle) * radius, Math.sin(angle) * radius]).round();
    }
    placed.push(spot);
    marker.setLatLng(map.layerPointToLatLng(spot));
  });
}

function mount(container: HTMLElement): void {
  container.hidden = false;
  const map = L.map(container, { scrollWheelZoom: false, attributionControl: Boolean(container.dataset.attribution) });
  const mapElement = map.getContainer();
  mapElement.setAttribute('role', 'region');
  mapElement.setAttribute('aria-label', container.dataset.label ?? '');
  if (container.dataset.tileUrl) L.tileLayer(container.dataset.tileUrl, { maxZoom: 18, attribution: container.dataset.attribution ?? '' }).addTo(map);
  const points = readPoints(container);
  // The marker's own wrapper is no tab stop: the link inside it is, with its name.
  const markers = points.map((point) => L.marker([point.lat, point.lng], { icon: markerIcon(point), keyboard: false, title: '' }).addTo(map));
  if (markers.length > 0) map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [24, 24], maxZoom: 15 });
  else map.setView(erkelenz, 12);
  spread(map, markers, points);
  map.on('zoomend', () => spread(map, markers, points));
  pickInto(map, container);
}

function start(): void {
  const containers = document.querySelectorAll<HTMLElement>('[data-initiatives-map]');
  if (containers.length === 0) return;
  addStylesheet();
  containers.forEach(mount);
}

start();
