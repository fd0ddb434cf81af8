import { useQueryClient } from "@tanstack/react-query";
import { useParams } from "react-router";
import { homeQueryKey } from "../../../api/familyHome";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { messagingKeys, postFamilyMessage, useFamilyThread, type FamilyThreadDetail } from "./api";
import { MessageList } from "./components/MessageList";
import { ReplyForm } from "./components/ReplyForm";
import { StateBadge } from "./components/StateBadge";
import { useMarkedRead } from "./useMarkedRead";

const REFRESHED_ON_READ = [messagingKeys.threads, homeQueryKey] as const;

/** /messagerie/:threadId — a conversation with the structure and the reply form. */
export function FamilyThreadPage() {
  const id = Number(useParams().threadId);
  const thread = useFamilyThread(id);
  usePageTitle(thread.data ? `${thread.data.subject} — Messagerie` : "Conversation — Messagerie");
  useMarkedRead(thread.dataUpdatedAt, REFRESHED_ON_READ);
  return (
    <>
      <Breadcrumb trail={[{ label: "Messagerie", path: "/messagerie" }, { label: thread.data?.subject ?? "Conversation" }]} />
      {thread.isPending ? (
        <>
          <h1>Conversation</h1>
          <PageLoading label="Chargement de la conversation…" />
        </>
      ) : thread.isError ? (
        <>
          <h1>Conversation</h1>
          <PageError error={thread.error} onRetry={() => void thread.refetch()} />
        </>
      ) : (
        <Conversation thread={thread.data} />
      )}
    </>
  );
}

function Conversation({ thread }: { thread: FamilyThreadDetail }) {
  const queryClient = useQueryClient();
  return (
    <>
      <h1>{thread.subject}</h1>
      <p className="thread-header">
        <StateBadge state={thread.state} label={thread.state_label} /> · {thread.service.label}
        {thread.theme ? ` › ${thread.theme.label}` : ""}
        {thread.child ? ` · ${thread.child.name}` : ""}
      </p>
      {thread.state === "closed" && (
        <p className="notice notice--info">Cette conversation est close. Si vous répondez, elle sera rouverte.</p>
      )}
      <MessageList messages={thread.messages} ownSide="family" />
      <ReplyForm
        idPrefix="reponse"
        onSend={({ text, files }) => postFamilyMessage(thread.id, text, files)}
        onSent={() => {
          void queryClient.invalidateQueries({ queryKey: messagingKeys.thread(thread.id) });
          void queryClient.invalidateQueries({ queryKey: messagingKeys.threads });
        }}
      />
    </>
  );
}
