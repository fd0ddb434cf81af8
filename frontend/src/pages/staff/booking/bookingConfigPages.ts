/** The booking configuration pages (one chunk, loaded on the first visit to one of them). */
export { ActivitiesPage } from "./ActivitiesPage";
export { ClosuresPage } from "./ClosuresPage";
export { LegendPage } from "./LegendPage";
export { PoliciesPage } from "./PoliciesPage";
export { TariffsPage } from "./TariffsPage";
