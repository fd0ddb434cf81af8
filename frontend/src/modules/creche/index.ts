/**
 * The crèche module's pages, one folder per part, each with its routes and
 * its lazily loaded chunks: places (establishments, day board, pointage,
 * occasional care), requests (place requests and commission), contracts
 * (contracts, avenants, signature, the family's crèche home) and money
 * (absences, pre-billing, Caf reports, settings). Mounted only where the
 * structure enabled « creche » (see ../mountModules.ts).
 */
import type { SpaModule } from "../types";
import { CrecheLinks } from "./CrecheLinks";
import * as contracts from "./contracts/routes";
import * as money from "./money/routes";
import * as places from "./places/routes";
import * as requests from "./requests/routes";

const parts = [contracts, requests, places, money];

export const parentRoutes: SpaModule["parentRoutes"] = parts.flatMap((part) => part.parentRoutes);
export const staffRoutes: SpaModule["staffRoutes"] = parts.flatMap((part) => part.staffRoutes);

/** On the back office's home: links to the crèche's screens. */
export const StaffHomeSection = CrecheLinks;
