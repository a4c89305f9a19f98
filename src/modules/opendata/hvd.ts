/*
 * The six thematic categories of high-value datasets (Commission Implementing Regulation (EU) 2023/138), by
 * their codes in the EU's HVD category vocabulary (http://data.europa.eu/bna/<code>), as DCAT-AP HVD names them.
 */
export const hvdLegislation = 'http://data.europa.eu/eli/reg_impl/2023/138/oj';

export const hvdCategories = [
  { code: 'c_ac64a52d', key: 'geospatial' },
  { code: 'c_dd313021', key: 'earthObservation' },
  { code: 'c_164e0bf5', key: 'meteorological' },
  { code: 'c_e1da4e07', key: 'statistics' },
  { code: 'c_a9135398', key: 'companies' },
  { code: 'c_b79e35eb', key: 'mobility' },
] as const;

export const hvdCategoryUri = (code: string) => `http://data.europa.eu/bna/${code}`;
