import { Link } from "react-router";
import { useHomeSummary } from "../api/homeSummary";

/**
 * « En bref »: the home's tiles from the structure's modules (pending
 * requests, places left…), each a link to the page where to act. Nothing is
 * shown while they load, when there is none, or when they cannot be read:
 * the rest of the home page does not depend on them.
 */
export function HomeTiles() {
  const summary = useHomeSummary();
  const tiles = summary.data?.tiles ?? [];
  if (!tiles.length) return null;
  return (
    <section aria-labelledby="en-bref-titre" className="section">
      <h2 id="en-bref-titre">En bref</h2>
      <ul className="home-tiles" role="list">
        {tiles.map((tile) => (
          <li key={tile.id} className={`card home-tile home-tile--${tile.tone}`}>
            <Link to={tile.path} className="home-tile__link">
              <span className="home-tile__value">{tile.value}</span> <span className="home-tile__label">{tile.label}</span>
            </Link>
            {tile.detail ? <p className="home-tile__detail">{tile.detail}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
