/**
 * The paths of the configurable lists under /gestion/configuration, apart
 * from their specifications (./configLists.ts) so that the route table, in
 * the entry chunk, lists them without loading the pages' data.
 */
export const CONFIG_LIST_KEYS = ["consentements", "autorisations", "types-de-repas", "niveaux-scolaires"] as const;

export type ConfigListKey = (typeof CONFIG_LIST_KEYS)[number];
