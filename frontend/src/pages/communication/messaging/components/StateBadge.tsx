import type { ThreadState } from "../api";

/** A thread's state in words (the colour is never the only cue). */
export function StateBadge({ state = "new", label }: { state?: ThreadState; label: string }) {
  return <span className={`thread-state thread-state--${state}`}>{label}</span>;
}
