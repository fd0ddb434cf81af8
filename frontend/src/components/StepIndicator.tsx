interface StepIndicatorProps {
  steps: readonly string[];
  /** 0-based index of the current step. */
  current: number;
  label?: string;
}

/** The steps of a wizard; the current one has aria-current="step". */
export function StepIndicator({ steps, current, label = "Étapes" }: StepIndicatorProps) {
  return (
    <nav aria-label={label} className="steps">
      <ol className="steps__list">
        {steps.map((step, index) => {
          const state = index < current ? "done" : index === current ? "current" : "todo";
          return (
            <li key={step} className={`steps__item steps__item--${state}`} aria-current={index === current ? "step" : undefined}>
              <span className="steps__number" aria-hidden="true">
                {state === "done" ? "✓" : index + 1}
              </span>
              <span className="steps__label">
                <span className="visually-hidden">Étape {index + 1} : </span>
                {step}
                {state === "done" && <span className="visually-hidden"> (terminée)</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
