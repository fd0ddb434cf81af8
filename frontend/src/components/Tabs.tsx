import { useRef, type KeyboardEvent, type ReactNode } from "react";

interface Tab {
  id: string;
  label: string;
}

interface TabsProps {
  idPrefix: string;
  label: string;
  tabs: readonly Tab[];
  current: string;
  onChange: (id: string) => void;
  children: ReactNode;
}

/** ARIA tabs (roving focus, arrows / Home / End); only the current panel is rendered. */
export function Tabs({ idPrefix, label, tabs, current, onChange, children }: TabsProps) {
  const refs = useRef(new Map<string, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = tabs.length - 1;
    const target =
      event.key === "ArrowRight" ? (index === last ? 0 : index + 1)
      : event.key === "ArrowLeft" ? (index === 0 ? last : index - 1)
      : event.key === "Home" ? 0
      : event.key === "End" ? last
      : null;
    if (target === null) return;
    event.preventDefault();
    const tab = tabs[target];
    onChange(tab.id);
    refs.current.get(tab.id)?.focus();
  }

  return (
    <>
      <div role="tablist" aria-label={label} className="tabs">
        {tabs.map((tab, index) => {
          const selected = tab.id === current;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`${idPrefix}-onglet-${tab.id}`}
              aria-selected={selected}
              aria-controls={`${idPrefix}-panneau`}
              tabIndex={selected ? 0 : -1}
              className="tabs__tab"
              ref={(node) => {
                if (node) refs.current.set(tab.id, node);
                else refs.current.delete(tab.id);
              }}
              onClick={() => onChange(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panneau`} aria-labelledby={`${idPrefix}-onglet-${current}`} tabIndex={0} className="tabs__panel">
        {children}
      </div>
    </>
  );
}
