export const MAIN_ID = "contenu";

export function SkipLink() {
  return (
    <a className="skip-link" href={`#${MAIN_ID}`}>
      Aller au contenu principal
    </a>
  );
}
