/*
 * Where the portal's things live. Paths are stable: a harvester, a citation or a script keeps them for years,
 * so a dataset is addressed by its name and a resource by its id, and the newest version of a resource has
 * an address of its own beside each numbered version.
 */

export const portalPath = '/daten';
export const datasetPath = (name: string) => `${portalPath}/${encodeURIComponent(name)}`;
export const resourcePath = (datasetName: string, resourceId: string) => `${datasetPath(datasetName)}/ressourcen/${resourceId}`;
/** The newest version's file, always. */
export const downloadPath = (datasetName: string, resourceId: string) => `${resourcePath(datasetName, resourceId)}/download`;
/** One version's file, for ever. */
export const versionDownloadPath = (datasetName: string, resourceId: string, version: number) => `${resourcePath(datasetName, resourceId)}/versionen/${version}/download`;
/** The DataStore's export of a resource's table (CKAN's dump address), `?format=csv|json|geojson`. */
export const dumpPath = (resourceId: string) => `/datastore/dump/${resourceId}`;
export const organizationPath = (name: string) => `${portalPath}/organisationen/${encodeURIComponent(name)}`;
/** A dataset's DCAT-AP.de record in one serialisation. */
export const datasetRdfPath = (name: string, extension: 'ttl' | 'rdf' | 'jsonld') => `${datasetPath(name)}/dcat.${extension}`;
export const catalogPath = (extension: 'ttl' | 'rdf' | 'jsonld') => `/catalog.${extension}`;
export const ckanActionPath = (action: string) => `/api/3/action/${action}`;
export const staffPortalPath = '/verwaltung/daten';

/** An absolute address on this platform, from PUBLIC_URL. */
export function absolute(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, '')}${path}`;
}
