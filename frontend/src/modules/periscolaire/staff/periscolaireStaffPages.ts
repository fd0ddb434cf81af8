/** The staff's périscolaire pages (one chunk). */
export { AttendancePage } from "./AttendancePage";
export { AttendancePickerPage } from "./AttendancePickerPage";
export { EnrolmentRequestsPage } from "./EnrolmentRequestsPage";
export { OccupancyPage } from "./OccupancyPage";
export { ReservationRequestsPage } from "./ReservationRequestsPage";
