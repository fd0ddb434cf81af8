/**
 * The core back office's pages, loaded together (one chunk) on the first
 * visit to /gestion: parents never download them.
 */
export { AccountsPage } from "./AccountsPage";
export { ChangeRequestsPage } from "./ChangeRequestsPage";
export { ConfigListPage } from "./ConfigListPage";
export { CONFIG_LISTS } from "./configLists";
export { ConfigurationLayout } from "./ConfigurationLayout";
export { DocumentsReviewPage } from "./DocumentsReviewPage";
export { DocumentTypesPage } from "./DocumentTypesPage";
export { FamiliesPage } from "./FamiliesPage";
export { FamilyCreatePage } from "./FamilyCreatePage";
export { FamilyDocumentsSection } from "./FamilyDocumentsSection";
export { FamilyFileLayout } from "./FamilyFileLayout";
export { FamilyGdprSection } from "./FamilyGdprSection";
export { FamilyHistorySection } from "./FamilyHistorySection";
export { ChildrenSection, GuardiansSection, HouseholdSection, MissingSection, QuotientSection, RequestsSection } from "./FamilySections";
export { FieldPoliciesPage } from "./FieldPoliciesPage";
export { SettingsPage } from "./SettingsPage";
export { StaffHomePage } from "../StaffHomePage";
