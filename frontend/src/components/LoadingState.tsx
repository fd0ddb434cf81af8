interface LoadingStateProps {
  label?: string;
}

export function LoadingState({ label = "Chargement du portail…" }: LoadingStateProps) {
  return (
    <main className="state-page" id="contenu" tabIndex={-1}>
      <div className="state-page__box" role="status" aria-live="polite">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>{label}</p>
      </div>
    </main>
  );
}
