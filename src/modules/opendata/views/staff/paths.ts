import { staffPortalPath } from '#modules/opendata/addresses.ts';

/** The publishers' addresses, under the dataset's stable name and the resource's id like the public ones. */
export const staffDatasetPath = (name: string) => `${staffPortalPath}/${encodeURIComponent(name)}`;
export const staffNewDatasetPath = `${staffPortalPath}/neu`;
export const staffEditPath = (name: string) => `${staffDatasetPath(name)}/bearbeiten`;
export const staffDeletePath = (name: string) => `${staffDatasetPath(name)}/loeschen`;
export const staffStatePath = (name: string, state: 'veroeffentlichen' | 'zurueckziehen') => `${staffDatasetPath(name)}/status/${state}`;
export const staffNewResourcePath = (name: string) => `${staffDatasetPath(name)}/ressourcen/neu`;
export const staffResourcePath = (name: string, resourceId: string) => `${staffDatasetPath(name)}/ressourcen/${resourceId}`;
export const staffUploadPath = (name: string, resourceId: string) => `${staffResourcePath(name, resourceId)}/versionen`;
export const staffVersionPath = (name: string, resourceId: string, version: number) => `${staffResourcePath(name, resourceId)}/versionen/${version}`;
export const staffProgressPath = (name: string, resourceId: string, version: number) => `${staffVersionPath(name, resourceId, version)}/stand`;
export const staffDictionaryPath = (name: string, resourceId: string) => `${staffResourcePath(name, resourceId)}/datenlexikon`;
