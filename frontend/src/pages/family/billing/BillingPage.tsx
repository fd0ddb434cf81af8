import { useId, useRef, type KeyboardEvent } from "react";
import { useSearchParams } from "react-router";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../components/Breadcrumb";
import { HistoryPanel } from "./HistoryPanel";
import { PaymentsPanel } from "./PaymentsPanel";
import { PayPanel } from "./PayPanel";
import { StatementPanel } from "./StatementPanel";

export const BILLING_TABS = [
  { id: "a-payer", label: "Factures à payer" },
  { id: "historique", label: "Historique" },
  { id: "releve", label: "Relevé de compte" },
  { id: "reglements", label: "Mes règlements" },
] as const;

export type BillingTab = (typeof BILLING_TABS)[number]["id"];

/** "/facturation?onglet=releve" */
export function billingTabPath(tab: BillingTab): string {
  return tab === "a-payer" ? "/facturation" : `/facturation?onglet=${tab}`;
}

function tabOf(value: string | null): BillingTab {
  return BILLING_TABS.find((tab) => tab.id === value)?.id ?? "a-payer";
}

/**
 * /facturation — « Facturation »: invoices to pay (tick, then Payer), the
 * history of invoices and credit notes, the statement and the receipts, as
 * tabs (arrows, Home/End) kept in the address (?onglet=…).
 */
export function BillingPage() {
  usePageTitle("Facturation");
  const [searchParams, setSearchParams] = useSearchParams();
  const current = tabOf(searchParams.get("onglet"));
  const baseId = useId();
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const tabId = (tab: string) => `${baseId}-onglet-${tab}`;
  const panelId = (tab: string) => `${baseId}-panneau-${tab}`;

  const select = (tab: BillingTab, focus = false) => {
    setSearchParams(tab === "a-payer" ? {} : { onglet: tab }, { replace: true });
    if (focus) tabRefs.current[tab]?.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = BILLING_TABS.findIndex((tab) => tab.id === current);
    const last = BILLING_TABS.length - 1;
    const next =
      event.key === "ArrowRight" ? (index === last ? 0 : index + 1)
      : event.key === "ArrowLeft" ? (index === 0 ? last : index - 1)
      : event.key === "Home" ? 0
      : event.key === "End" ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    select(BILLING_TABS[next].id, true);
  }

  return (
    <>
      <Breadcrumb trail={[{ label: "Facturation" }]} />
      <h1>Facturation</h1>
      <div role="tablist" aria-label="Rubriques de la facturation" className="billing-tabs" onKeyDown={onKeyDown}>
        {BILLING_TABS.map((tab) => {
          const selected = tab.id === current;
          return (
            <button
              key={tab.id}
              ref={(node) => {
                tabRefs.current[tab.id] = node;
              }}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={selected}
              aria-controls={selected ? panelId(tab.id) : undefined}
              tabIndex={selected ? 0 : -1}
              className="billing-tabs__tab"
              onClick={() => select(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId(current)} aria-labelledby={tabId(current)} tabIndex={0} className="billing-panel">
        {current === "a-payer" && <PayPanel />}
        {current === "historique" && <HistoryPanel />}
        {current === "releve" && <StatementPanel />}
        {current === "reglements" && <PaymentsPanel />}
      </div>
    </>
  );
}
