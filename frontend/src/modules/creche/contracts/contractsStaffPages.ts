/** The staff's contract pages (one chunk). */
import "./contracts.css";

export { ContractFormPage } from "./staff/ContractFormPage";
export { StaffContractPage } from "./staff/StaffContractPage";
export { StaffContractsPage } from "./staff/StaffContractsPage";
