import { Link, useParams } from "react-router";
import { formatDate } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { useNewsItem } from "./api";

/** /actualites/:newsId — one news item, its whole text. */
export function NewsItemPage() {
  const { newsId = "" } = useParams();
  const item = useNewsItem(newsId);
  usePageTitle(item.data ? `${item.data.title} — Actualités` : "Actualités");
  return (
    <>
      <Breadcrumb trail={[{ label: "Actualités", path: "/actualites" }, { label: item.data?.title ?? "Actualité" }]} />
      {item.isPending ? (
        <PageLoading label="Chargement de l'actualité…" />
      ) : item.isError ? (
        <>
          <h1>Actualité</h1>
          <PageError error={item.error} />
        </>
      ) : (
        <article className="news-item">
          <h1>{item.data.title}</h1>
          <p className="news-card__meta">
            {item.data.pinned && (
              <>
                <span className="tag">Épinglée</span>{" "}
              </>
            )}
            Publiée le <time dateTime={item.data.publish_at}>{formatDate(item.data.publish_at)}</time>
            {item.data.audience_label ? ` · ${item.data.audience_label}` : ""}
          </p>
          {item.data.image_url && <img className="news-item__image" src={item.data.image_url} alt={item.data.image_alt} />}
          {/* Cleaned by the server (rich_text.clean_html) before it was stored. */}
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: item.data.text }} />
        </article>
      )}
      <p>
        <Link to="/actualites">Toutes les actualités</Link>
      </p>
    </>
  );
}
