/**
 * Where the lab host leaves the registry of call-site tables (siteSlot.ts) that the code the
 * load-time transform appends to a lab module asks for (siteTransform.ts): `Symbol.for(key)`.
 */
export const SITE_REGISTRY_KEY = 'concurrency-labs.sites';
