interface SubmitButtonProps {
  busy: boolean;
  label: string;
  busyLabel: string;
}

/** Submit button that stays focusable while busy (aria-disabled) and announces its state. */
export function SubmitButton({ busy, label, busyLabel }: SubmitButtonProps) {
  return (
    <>
      <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? busyLabel : label}
      </button>
      <span className="visually-hidden" role="status">
        {busy ? busyLabel : ""}
      </span>
    </>
  );
}
