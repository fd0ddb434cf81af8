import { useQuery } from "@tanstack/react-query";
import { useStructure } from "../api/StructureContext";
import { MODULES } from "./registry";
import type { ModuleRegistry, SpaModule } from "./types";

export interface EnabledModule {
  id: string;
  module: SpaModule;
}

/**
 * The SPA modules of the structure's enabled modules, loaded on demand
 * ([] until they are). Modules without pages of their own are left out.
 */
export function useEnabledModules(registry: ModuleRegistry = MODULES): EnabledModule[] {
  const structure = useStructure();
  const ids = structure.modules.map((m) => m.id).filter((id) => id in registry);
  const query = useQuery({
    queryKey: ["spa-modules", ...ids],
    queryFn: async () => Promise.all(ids.map(async (id) => ({ id, module: await registry[id]() }))),
    // Code, not data: it never goes stale.
    staleTime: Infinity,
    enabled: ids.length > 0,
  });
  return query.data ?? [];
}
