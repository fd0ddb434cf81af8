import { createContext, useContext } from "react";
import type { Structure } from "./structure";

export const StructureContext = createContext<Structure | null>(null);

/** The current structure (tenant). Available below <RootLayout>. */
export function useStructure(): Structure {
  const structure = useContext(StructureContext);
  if (!structure) throw new Error("useStructure() utilisé hors de <RootLayout>.");
  return structure;
}
