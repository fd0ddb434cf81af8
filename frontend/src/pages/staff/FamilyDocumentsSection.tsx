import { useQuery } from "@tanstack/react-query";
import { QueryView } from "../../components/QueryView";
import { fetchDocuments, staffKeys, type DocumentFilters } from "./api";
import { DocumentReviewList } from "./DocumentsReviewPage";
import { useFamilyFile } from "./FamilyFileLayout";

/** The family's documents (all states); those awaiting review can be decided here. */
export function FamilyDocumentsSection() {
  const { familyId } = useFamilyFile();
  const filters: DocumentFilters = { status: "", family: String(familyId), page: 1 };
  const query = useQuery({ queryKey: staffKeys.documents(filters), queryFn: ({ signal }) => fetchDocuments(filters, signal) });
  return (
    <section aria-labelledby="documents-titre">
      <h2 id="documents-titre">Documents</h2>
      <QueryView query={query} loadingLabel="Chargement des documents…">
        {(data) => (
          <>
            <DocumentReviewList documents={data.results} emptyText="Aucun document déposé." withinFamily />
            {data.next && <p>Seuls les {data.results.length} premiers documents sont affichés.</p>}
          </>
        )}
      </QueryView>
    </section>
  );
}
