/**
 * The icons of statuses and outcomes (badges, notices): drawn in SVG like the
 * navigation's (NavIcon), never an emoji, which renders as an empty box on a
 * system without an emoji font. Decorative: the text next to it says the same.
 */
const PATHS = {
  check: "M5 12.5 10 17.5 19 7",
  cross: "M6.5 6.5l11 11M17.5 6.5l-11 11",
  hourglass: "M7 3.5h10M7 20.5h10M8.5 3.5v3a4 4 0 0 0 1.5 3.1L12 12l2-2.4a4 4 0 0 0 1.5-3.1v-3M8.5 20.5v-3a4 4 0 0 1 1.5-3.1L12 12l2 2.4a4 4 0 0 1 1.5 3.1v3",
  warning: "M12 3.5 2.5 20h19ZM12 10v4.5M12 17.3v.2",
  circle: "M12 19a7 7 0 1 0 0-14 7 7 0 0 0 0 14Z",
  list: "M9 7h10M9 12h10M9 17h10M5 7h.01M5 12h.01M5 17h.01",
  minus: "M6 12h12",
} as const;

export type StatusIconName = keyof typeof PATHS;

export function StatusIcon({ name }: { name: StatusIconName }) {
  return (
    <svg className="status-icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
