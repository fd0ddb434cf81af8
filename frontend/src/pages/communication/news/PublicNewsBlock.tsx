import { usePublicNews } from "./api";
import { NewsCard } from "./NewsCard";

/**
 * « Actualités » of the structure on its public landing (the sign-in page),
 * for visitors without an account: the items marked public, whole (there is
 * no public detail page). Lazy; nothing when there is none or on failure.
 */
export default function PublicNewsBlock() {
  const news = usePublicNews();
  if (!news.data?.length) return null;
  return (
    <section aria-labelledby="actualites-publiques-titre" className="section public-news">
      <h2 id="actualites-publiques-titre">Actualités</h2>
      <ul className="plain-list news-list">
        {news.data.map((item) => (
          <li key={item.id}>
            <NewsCard item={item} headingLevel={3} full />
          </li>
        ))}
      </ul>
    </section>
  );
}
