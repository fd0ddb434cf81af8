import { formatDateTime } from "../../../../format/dates";
import { formatFileSize } from "../../../../format/numbers";
import type { ThreadMessage } from "../api";

interface MessageListProps {
  messages: readonly ThreadMessage[];
  /** The side shown as « vous » (aligned right). */
  ownSide: "family" | "staff";
}

/** A conversation: each message with its author, date, text and attachments, oldest first. */
export function MessageList({ messages, ownSide }: MessageListProps) {
  if (!messages.length) return <p>Aucun message.</p>;
  return (
    <ol className="plain-list conversation" aria-label="Messages de la conversation">
      {messages.map((message) => {
        const classes = ["card", "message", message.side === ownSide ? "message--own" : "message--other"];
        if (message.internal) classes.push("message--internal");
        return (
          <li key={message.id} className={classes.join(" ")}>
            <p className="message__meta">
              {message.internal && <strong className="message__internal">Note interne · </strong>}
              <strong>{message.author_name}</strong>
              {message.side === "staff" && ownSide === "family" ? " (la structure)" : ""} — le{" "}
              <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
            </p>
            <p className="preserve-lines message__text">{message.text}</p>
            {message.attachments.length > 0 && (
              <ul className="plain-list message__attachments" aria-label="Pièces jointes">
                {message.attachments.map((attachment) => (
                  <li key={attachment.id}>
                    <a href={attachment.url} download={attachment.name}>
                      {attachment.name}
                      {" "}<span className="visually-hidden">(télécharger)</span>
                    </a>{" "}
                    ({formatFileSize(attachment.size)})
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
