import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { SelectField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { usePageTitle } from "../../../theme/usePageTitle";
import { StatusMessage } from "../../staff/StaffUi";
import {
  assignThread,
  closeThread,
  messagingKeys,
  postStaffMessage,
  reopenThread,
  useAssignees,
  useQuickReplies,
  useStaffThread,
  type StaffThreadDetail,
} from "./api";
import { MessageList } from "./components/MessageList";
import { ReplyForm } from "./components/ReplyForm";
import { StateBadge } from "./components/StateBadge";
import { useMarkedRead } from "./useMarkedRead";

export const THREAD_NOT_FOUND = "Cette conversation n'existe pas, ou elle est adressée à un service que vous ne lisez pas.";

const REFRESHED_ON_READ = [["communication", "messaging", "staff", "threads"]] as const;

/** /gestion/messagerie/:threadId — a conversation, its assignment, state and the reply (or internal note). */
export function StaffThreadPage() {
  const id = Number(useParams().threadId);
  const thread = useStaffThread(id);
  usePageTitle(thread.data ? `${thread.data.subject} — Messagerie` : "Conversation — Messagerie");
  useMarkedRead(thread.dataUpdatedAt, REFRESHED_ON_READ);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link> › <Link to="/gestion/messagerie">Messagerie</Link>
      </p>
      {thread.data ? (
        <StaffConversation thread={thread.data} />
      ) : thread.error instanceof ApiError && thread.error.status === 404 ? (
        <>
          <h1>Conversation</h1>
          <p className="notice notice--error">{THREAD_NOT_FOUND}</p>
        </>
      ) : (
        <>
          <h1>Conversation</h1>
          <QueryView query={thread} loadingLabel="Chargement de la conversation…">
            {() => null}
          </QueryView>
        </>
      )}
    </>
  );
}

function StaffConversation({ thread }: { thread: StaffThreadDetail }) {
  const queryClient = useQueryClient();
  const quickReplies = useQuickReplies();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: messagingKeys.staffThread(thread.id) });
    void queryClient.invalidateQueries({ queryKey: ["communication", "messaging", "staff", "threads"] });
    void queryClient.invalidateQueries({ queryKey: messagingKeys.unread });
  };
  return (
    <>
      <h1>{thread.subject}</h1>
      <dl className="thread-facts">
        <div>
          <dt>Famille</dt>
          <dd>
            <Link to={`/gestion/familles/${thread.family.id}`}>
              {thread.family.name} (n° {thread.family.number})
            </Link>
          </dd>
        </div>
        <div>
          <dt>Service</dt>
          <dd>
            {thread.service.label}
            {thread.theme ? ` › ${thread.theme.label}` : ""}
          </dd>
        </div>
        {thread.child && (
          <div>
            <dt>Enfant</dt>
            <dd>{thread.child.name}</dd>
          </div>
        )}
        <div>
          <dt>État</dt>
          <dd>
            <StateBadge state={thread.state} label={thread.state_label} />
          </dd>
        </div>
      </dl>
      <ThreadActions thread={thread} onChanged={refresh} />
      <MessageList messages={thread.messages} ownSide="staff" />
      <ReplyForm
        idPrefix="reponse"
        staff
        quickReplies={quickReplies.data}
        onSend={({ text, files, internal }) => postStaffMessage(thread.id, text, internal, files)}
        onSent={refresh}
      />
    </>
  );
}

/** Assign the thread, close or reopen it. */
function ThreadActions({ thread, onChanged }: { thread: StaffThreadDetail; onChanged: () => void }) {
  const assignees = useAssignees(thread.service.id);
  const [assignee, setAssignee] = useState(thread.assignee ? String(thread.assignee.id) : "");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [done, setDone] = useState("");
  const onError = (error: unknown) => {
    setDone("");
    setErrors(staffErrors(error, { assignee: "conversation-attribution" }));
  };
  const assign = useMutation({
    mutationFn: (value: string) => assignThread(thread.id, value ? Number(value) : null),
    onSuccess: (_data, value) => {
      setErrors([]);
      setDone(value ? "Conversation attribuée." : "Conversation désattribuée.");
      onChanged();
    },
    onError,
  });
  const state = useMutation({
    mutationFn: () => (thread.state === "closed" ? reopenThread(thread.id) : closeThread(thread.id)),
    onSuccess: () => {
      setErrors([]);
      setDone(thread.state === "closed" ? "Conversation rouverte." : "Conversation close.");
      onChanged();
    },
    onError,
  });
  const options = [...(assignees.data ?? [])];
  if (thread.assignee && !options.some((p) => p.id === thread.assignee?.id)) options.unshift(thread.assignee);

  return (
    <section className="card thread-actions" aria-labelledby="conversation-actions-titre">
      <h2 id="conversation-actions-titre">Suivi</h2>
      <ErrorSummary items={errors} />
      <form
        className="form form--inline"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!assign.isPending) assign.mutate(assignee);
        }}
      >
        <SelectField
          id="conversation-attribution"
          label="Attribuée à"
          value={assignee}
          placeholder="Personne (non attribuée)"
          options={options.map((person) => ({ value: String(person.id), label: person.name }))}
          onChange={setAssignee}
        />
        <button type="submit" className="button button--secondary" aria-disabled={assign.isPending || undefined}>
          Attribuer
        </button>
      </form>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={state.isPending || undefined}
          onClick={() => {
            if (!state.isPending) state.mutate();
          }}
        >
          {thread.state === "closed" ? "Rouvrir la conversation" : "Clore la conversation"}
        </button>
      </div>
      <StatusMessage message={done} />
    </section>
  );
}
