/** The families' absence pages (one chunk). */
import "../money.css";

export { MyAbsencesPage, NewAbsencePage } from "./AbsencesPages";
