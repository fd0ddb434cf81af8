import { usePageTitle } from "../../../theme/usePageTitle";
import { MyPlaceRequests } from "./MyPlaceRequests";
import "./requests.css";

/** /creche/demandes — the family's place requests. */
export function MyRequestsPage() {
  usePageTitle("Mes demandes de place en crèche");
  return (
    <>
      <h1>Mes demandes de place en crèche</h1>
      <MyPlaceRequests headingLevel={2} />
    </>
  );
}
