/** The parents' family file pages (one chunk, loaded on the first visit to one of them). */
export { ChildPage } from "./ChildPage";
export { ChildrenPage } from "./ChildrenPage";
export { ChildWizardPage } from "./ChildWizardPage";
export { ConsentsPage } from "./ConsentsPage";
export { DocumentsPage } from "./DocumentsPage";
export { EditionsPage } from "./EditionsPage";
export { HouseholdPage } from "./HouseholdPage";
export { ProfilePage } from "./ProfilePage";
export { RequestsPage } from "./RequestsPage";
