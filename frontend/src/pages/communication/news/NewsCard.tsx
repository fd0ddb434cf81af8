import "./news.css";
import { Link } from "react-router";
import { formatDate } from "../../../format/dates";
import type { NewsItem } from "./api";
import { excerpt } from "./format";

interface NewsCardProps {
  item: NewsItem;
  headingLevel?: 2 | 3;
  /** Where the title leads (none: the title is plain text). */
  link?: string;
  /** The full text instead of an excerpt (the public block, which has no detail page). */
  full?: boolean;
}

/** One news item in a list: image, title, date, excerpt (or the whole text). */
export function NewsCard({ item, headingLevel = 2, link, full }: NewsCardProps) {
  const Heading = `h${headingLevel}` as const;
  const titleId = `actualite-${item.id}-titre`;
  return (
    <article className="card news-card" aria-labelledby={titleId}>
      {item.image_url && <img className="news-card__image" src={item.image_url} alt={item.image_alt} loading="lazy" />}
      <Heading id={titleId} className="news-card__title">
        {link ? <Link to={link}>{item.title}</Link> : item.title}
      </Heading>
      <p className="news-card__meta">
        {item.pinned && (
          <>
            <span className="tag">Épinglée</span>{" "}
          </>
        )}
        Publiée le <time dateTime={item.publish_at}>{formatDate(item.publish_at)}</time>
      </p>
      {full ? (
        // Cleaned by the server (rich_text.clean_html) before it was stored.
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: item.text }} />
      ) : (
        <p className="news-card__excerpt">{excerpt(item.text)}</p>
      )}
    </article>
  );
}
