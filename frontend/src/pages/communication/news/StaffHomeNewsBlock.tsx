import { Link } from "react-router";
import { useCommunicationHome } from "./api";
import { NewsCard } from "./NewsCard";

/**
 * The staff's home message and latest news on the back office's home
 * (lazy). Nothing when there is neither, or when the call fails.
 */
export default function StaffHomeNewsBlock() {
  const home = useCommunicationHome();
  const messages = home.data?.messages.filter((m) => m.text.trim()) ?? [];
  const news = home.data?.news ?? [];
  if (!messages.length && !news.length) return null;
  return (
    <>
      {messages.map((message) => (
        <section key={message.audience} aria-labelledby={`message-accueil-${message.audience}`} className="section card home-message">
          <h2 id={`message-accueil-${message.audience}`}>{messages.length > 1 ? `Message de la structure — ${message.label}` : "Message de la structure"}</h2>
          <p className="preserve-lines">{message.text}</p>
        </section>
      ))}
      {news.length > 0 && (
        <section aria-labelledby="actualites-gestion-titre" className="section">
          <h2 id="actualites-gestion-titre">Actualités</h2>
          <ul className="plain-list news-list news-list--home">
            {news.map((item) => (
              <li key={item.id}>
                <NewsCard item={item} headingLevel={3} link={`/actualites/${item.id}`} />
              </li>
            ))}
          </ul>
          <p>
            <Link to="/actualites">Toutes les actualités</Link> · <Link to="/gestion/actualites">Gérer les actualités</Link>
          </p>
        </section>
      )}
    </>
  );
}
