import { Link } from "react-router";
import { useNews } from "./api";
import { NewsCard } from "./NewsCard";

export const HOME_NEWS_COUNT = 3;

/**
 * « Actualités » on the parents' home: the first three items (pinned first).
 * A lazy chunk (the home's entry chunk has a size budget); nothing is shown
 * while it loads, when there is no news or when the call fails.
 */
export default function HomeNewsBlock() {
  const news = useNews(HOME_NEWS_COUNT);
  if (!news.data?.length) return null;
  return (
    <section aria-labelledby="actualites-accueil-titre" className="section">
      <h2 id="actualites-accueil-titre" className="section-title">
        Actualités
      </h2>
      <ul className="plain-list news-list news-list--home">
        {news.data.slice(0, HOME_NEWS_COUNT).map((item) => (
          <li key={item.id}>
            <NewsCard item={item} headingLevel={3} link={`/actualites/${item.id}`} />
          </li>
        ))}
      </ul>
      <p>
        <Link to="/actualites">Toutes les actualités</Link>
      </p>
    </section>
  );
}
