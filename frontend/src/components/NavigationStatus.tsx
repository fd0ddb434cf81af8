import { useEffect, useState } from "react";
import { useNavigation } from "react-router";

/** Below this, a page change needs no message (most are instant or nearly). */
const DELAY_MS = 400;

/**
 * Says "Chargement de la page…" when a page change takes a while (its code
 * is fetched on the first visit): the previous page stays on screen until
 * then. A polite live region, present from the start so that the message is
 * announced.
 */
export function NavigationStatus() {
  const loading = useNavigation().state === "loading";
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), DELAY_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [loading]);
  return (
    <div aria-live="polite" className="navigation-status">
      {loading && slow ? (
        <p className="navigation-status__message">
          <span className="spinner" aria-hidden="true" /> Chargement de la page…
        </p>
      ) : null}
    </div>
  );
}
