/** The commission part's staff pages: the allocation commission and a stay's follow-up. */
export { CommissionPage } from "./CommissionPage";
export { StayFollowUpPage } from "./StayFollowUpPage";
