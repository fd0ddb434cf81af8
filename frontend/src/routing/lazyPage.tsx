import type { ComponentType } from "react";
import type { RouteObject } from "react-router";

/** The names of the components `M` exports. */
type ComponentName<M> = { [K in keyof M]: M[K] extends ComponentType<never> ? K : never }[keyof M];

/**
 * A route's `lazy`: the page `name` of the module `load` imports, fetched on
 * the first visit (the module and what only it uses become their own chunk).
 * `load` is written `() => import("./somePages")` so that Vite sees it.
 */
export function lazyPage<M>(load: () => Promise<M>, name: ComponentName<M>): RouteObject["lazy"] {
  return async () => ({ Component: (await load())[name] as ComponentType });
}
