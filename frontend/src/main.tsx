import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// The core's style sheets, all in the entry, in cascade order (a later sheet
// wins a tie): the pages' chunks load no CSS of their own, so the order does
// not depend on the order the pages are visited in. A module's style sheets
// come with its chunk (they name only its own classes).
import "./pages/staff/staff.css";
import "./styles/family.css";
import "./pages/family/billing/billing.css";
import "./pages/staff/billing/billing.css";
import "./pages/staff/booking/booking.css";
import { App } from "./App";
import "./styles/index.css";

const root = document.getElementById("root");
if (!root) throw new Error("Élément #root introuvable.");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
