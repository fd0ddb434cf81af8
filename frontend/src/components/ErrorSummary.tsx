import { useEffect, useId, useRef } from "react";
import type { FormErrorItem } from "./formErrors";

interface ErrorSummaryProps {
  items: readonly FormErrorItem[];
  title?: string;
}

/**
 * Lists a form's errors (each linked to its field) in an alert region and
 * moves the focus to it when new errors appear.
 */
export function ErrorSummary({ items, title }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (items.length) ref.current?.focus();
  }, [items]);

  const heading =
    title ?? (items.some((item) => item.fieldId) ? "Le formulaire contient des erreurs" : "Une erreur est survenue");

  return (
    <div role="alert" className="error-summary-region">
      {items.length > 0 && (
        <div ref={ref} className="error-summary" tabIndex={-1} aria-labelledby={headingId}>
          <h2 id={headingId} className="error-summary__title">
            {heading}
          </h2>
          <ul>
            {items.map((item, index) => (
              <li key={`${index}-${item.message}`}>
                {item.fieldId ? <a href={`#${item.fieldId}`}>{item.message}</a> : item.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
