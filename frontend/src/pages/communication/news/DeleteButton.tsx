import { useState } from "react";

interface DeleteButtonProps {
  /** Names what is deleted (« Menus de mars »). */
  label: string;
  busy: boolean;
  onConfirm: () => void;
}

/** « Supprimer », confirmed in place (no browser dialog). */
export function DeleteButton({ label, busy, onConfirm }: DeleteButtonProps) {
  const [confirming, setConfirming] = useState(false);
  if (confirming)
    return (
      <div className="button-row" role="group" aria-label={`Supprimer « ${label} » ?`}>
        <span>Supprimer « {label} » ?</span>
        <button
          type="button"
          className="button button--danger button--small"
          autoFocus
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          Confirmer la suppression
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
          Annuler
        </button>
      </div>
    );
  return (
    <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
      Supprimer <span className="visually-hidden">« {label} »</span>
    </button>
  );
}
