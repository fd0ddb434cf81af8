import "./messaging.css";

export { FamilyThreadsPage } from "./FamilyThreadsPage";
export { NewThreadPage } from "./NewThreadPage";
export { FamilyThreadPage } from "./FamilyThreadPage";
export { StaffInboxPage } from "./StaffInboxPage";
export { StaffThreadPage } from "./StaffThreadPage";
export { MessagingConfigPage } from "./MessagingConfigPage";
