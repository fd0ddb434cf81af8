/** The staff's périscolaire pages (one chunk). */
export { AttendancePage } from "./AttendancePage";
export { AttendancePickerPage } from "./AttendancePickerPage";
export { CertificateRequestsPage } from "./CertificateRequestsPage";
export { EnrolmentRequestsPage } from "./EnrolmentRequestsPage";
export { OccupancyPage } from "./OccupancyPage";
export { ReservationRequestsPage } from "./ReservationRequestsPage";
