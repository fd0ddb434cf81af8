import type { QueryClient } from "@tanstack/react-query";
import { structureQuery } from "../api/structure";
import { moduleRoutesPatcher } from "../modules/mountModules";

/**
 * Options of the app's router (browser or, in tests, memory): the modules'
 * routes are mounted from the structure, read through the same query as
 * <RootLayout> so that it is fetched once.
 */
export function appRouterOptions(queryClient: QueryClient) {
  return { patchRoutesOnNavigation: moduleRoutesPatcher(() => queryClient.ensureQueryData(structureQuery)) };
}
