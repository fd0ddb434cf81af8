import { Link } from "react-router";
import { formatDateTime } from "../../../format/dates";
import { plural } from "../../../format/text";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { useFamilyThreads, type FamilyThread } from "./api";
import { MessagingTabs } from "./components/MessagingTabs";
import { StateBadge } from "./components/StateBadge";

/** /messagerie — the family's conversations with the structure, the most recent first. */
export function FamilyThreadsPage() {
  usePageTitle("Messagerie");
  const threads = useFamilyThreads();
  return (
    <>
      <Breadcrumb trail={[{ label: "Messagerie" }]} />
      <div className="toolbar">
        <h1>Messagerie</h1>
        <Link className="button button--primary" to="/messagerie/nouveau">
          Écrire à la structure
        </Link>
      </div>
      <MessagingTabs />
      {threads.isPending ? (
        <PageLoading label="Chargement des conversations…" />
      ) : threads.isError ? (
        <PageError error={threads.error} onRetry={() => void threads.refetch()} />
      ) : threads.data.length === 0 ? (
        <p>Vous n'avez encore aucune conversation avec la structure.</p>
      ) : (
        <>
          <p role="status">
            {plural(threads.data.length, "conversation", "conversations")}
            {unreadSummary(threads.data)}
          </p>
          <ul className="plain-list thread-list">
            {threads.data.map((thread) => (
              <li key={thread.id}>
                <ThreadCard thread={thread} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function unreadSummary(threads: readonly FamilyThread[]): string {
  const unread = threads.filter((t) => t.unread > 0).length;
  return unread ? `, dont ${unread} avec des messages non lus.` : ".";
}

function ThreadCard({ thread }: { thread: FamilyThread }) {
  const unread = thread.unread > 0;
  return (
    <article className={unread ? "card thread-card thread-card--unread" : "card thread-card"}>
      <h2 className="thread-card__title">
        <Link to={`/messagerie/${thread.id}`}>
          {thread.subject}
          {unread && <>{" "}<span className="visually-hidden">(non lu)</span></>}
        </Link>
      </h2>
      <p className="thread-card__meta">
        <StateBadge state={thread.state} label={thread.state_label} />
        {unread && <strong className="thread-card__unread"> · {plural(thread.unread, "message non lu", "messages non lus")}</strong>}
      </p>
      <p className="thread-card__meta">
        {thread.service.label}
        {thread.theme ? ` › ${thread.theme.label}` : ""}
        {thread.child ? ` · ${thread.child.name}` : ""}
      </p>
      <p className="thread-card__meta">
        Dernier message le {formatDateTime(thread.last_message_at)}, {thread.last_side === "staff" ? "de la structure" : "de votre part"}.
      </p>
    </article>
  );
}
