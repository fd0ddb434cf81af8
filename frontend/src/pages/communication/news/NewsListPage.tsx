import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { useNews } from "./api";
import { NewsCard } from "./NewsCard";

/** /actualites — the news the user may read, pinned ones first (the server's order). */
export function NewsListPage() {
  usePageTitle("Actualités");
  const news = useNews();
  return (
    <>
      <Breadcrumb trail={[{ label: "Actualités" }]} />
      <h1>Actualités</h1>
      {news.isPending ? (
        <PageLoading label="Chargement des actualités…" />
      ) : news.isError ? (
        <PageError error={news.error} onRetry={() => void news.refetch()} />
      ) : news.data.length === 0 ? (
        <p>Aucune actualité pour le moment.</p>
      ) : (
        <ul className="plain-list news-list">
          {news.data.map((item) => (
            <li key={item.id}>
              <NewsCard item={item} link={`/actualites/${item.id}`} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
