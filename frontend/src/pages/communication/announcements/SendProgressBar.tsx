import { plural } from "../../../format/text";

/**
 * How far an announcement's e-mails went: a native <progress> (its value is
 * announced by screen readers) and the same in words.
 */
export function SendProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 100;
  return (
    <div className="announcement-progress">
      <progress max={100} value={percent} aria-label={label}>
        {percent} %
      </progress>
      <span>
        {done} / {plural(total, "responsable traité", "responsables traités")} ({percent} %)
      </span>
    </div>
  );
}
