import "./news.css";
import { Link } from "react-router";
import { formatDate } from "../../../format/dates";
import { formatFileSize } from "../../../format/numbers";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { useDownloads, type DownloadItem } from "./api";
import { fileTypeLabel } from "./files";

interface Group {
  key: string;
  label: string;
  seasons: { season: string; items: DownloadItem[] }[];
}

/** By module (the structure's documents first), then by season, in the server's order. */
export function groupDownloads(items: readonly DownloadItem[]): Group[] {
  const groups: Group[] = [];
  for (const item of items) {
    const key = item.module || "";
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, label: key ? item.module_label || key : "Tous les services", seasons: [] };
      groups.push(group);
    }
    let season = group.seasons.find((s) => s.season === item.season);
    if (!season) {
      season = { season: item.season, items: [] };
      group.seasons.push(season);
    }
    season.items.push(item);
  }
  return groups.sort((a, b) => (a.key === "" ? -1 : b.key === "" ? 1 : 0));
}

function DownloadList({ items }: { items: DownloadItem[] }) {
  return (
    <ul className="plain-list download-list">
      {items.map((item) => (
        <li key={item.id} className="card download">
          <p className="download__title">
            <a href={item.url} download={item.original_name}>
              {item.title}
            </a>{" "}
            <span className="download__meta">
              ({fileTypeLabel(item.content_type)}, {formatFileSize(item.size)})
            </span>
          </p>
          {item.description && <p className="download__description">{item.description}</p>}
          <p className="download__meta">Mis en ligne le {formatDate(item.publish_at)}</p>
        </li>
      ))}
    </ul>
  );
}

/** /telechargements — documents the structure offers, grouped by service then season. */
export function DownloadsPage() {
  usePageTitle("Téléchargements");
  const downloads = useDownloads();
  return (
    <>
      <Breadcrumb trail={[{ label: "Téléchargements" }]} />
      <h1>Téléchargements</h1>
      <p className="lead">
        Règlements, menus, programmes… Pour envoyer un fichier à la structure, utilisez <Link to="/mes-envois">Mes envois</Link>.
      </p>
      {downloads.isPending ? (
        <PageLoading label="Chargement des documents…" />
      ) : downloads.isError ? (
        <PageError error={downloads.error} onRetry={() => void downloads.refetch()} />
      ) : downloads.data.length === 0 ? (
        <p>Aucun document n'est proposé pour le moment.</p>
      ) : (
        groupDownloads(downloads.data).map((group) => (
          <section key={group.key || "tous"} className="section" aria-labelledby={`telechargements-${group.key || "tous"}`}>
            <h2 id={`telechargements-${group.key || "tous"}`}>{group.label}</h2>
            {group.seasons.map((season) =>
              season.season ? (
                <section key={season.season} aria-label={`${group.label}, ${season.season}`}>
                  <h3>{season.season}</h3>
                  <DownloadList items={season.items} />
                </section>
              ) : (
                <DownloadList key="" items={season.items} />
              ),
            )}
          </section>
        ))
      )}
    </>
  );
}
