import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { QueryView } from "../../../../components/QueryView";
import { SelectField } from "../../../../components/FormFields";
import { StatusIcon } from "../../../../components/StatusIcon";
import { staffErrors } from "../../../../components/serverErrors";
import { formatDateTime, formatPeriod } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import {
  commissionKeys,
  fetchCampaigns,
  fetchCommission,
  publishRun,
  runProposal,
  type CampaignItem,
  type ChildDecision,
  type Commission,
  type PublishResult,
  type RunDetail,
} from "./api";
import { MoveDialog } from "./MoveDialog";
import { plural, ratio, STATUS_LABELS } from "./labels";
import "./commission.css";

/** The allocation commission of a campaign (`?campagne=<id>`, else the latest). */
export function CommissionPage() {
  const [params, setParams] = useSearchParams();
  const campaigns = useQuery({ queryKey: commissionKeys.campaigns, queryFn: ({ signal }) => fetchCampaigns(signal) });
  usePageTitle("Commission d'attribution");

  return (
    <section aria-labelledby="commission-titre" className="sejours-commission">
      <h1 id="commission-titre">Commission d'attribution</h1>
      <QueryView query={campaigns} loadingLabel="Chargement des campagnes…">
        {(list) => {
          if (!list.length) return <p className="notice">Aucune campagne de vœux pour le moment.</p>;
          const wanted = Number(params.get("campagne"));
          const campaign = list.find((c) => c.id === wanted) ?? list[0];
          return (
            <>
              <CampaignPicker
                campaigns={list}
                value={campaign.id}
                onChange={(id) => setParams({ campagne: String(id) }, { replace: true })}
              />
              <CampaignCommission key={campaign.id} campaignId={campaign.id} />
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function CampaignPicker({ campaigns, value, onChange }: { campaigns: CampaignItem[]; value: number; onChange: (id: number) => void }) {
  if (campaigns.length < 2) return null;
  return (
    <div className="sejours-commission__picker">
      <SelectField
        id="commission-campagne"
        label="Campagne"
        requiredMark={false}
        value={String(value)}
        onChange={(v) => onChange(Number(v))}
        options={campaigns.map((c) => ({
          value: String(c.id),
          label: `${c.label} (${c.season})${c.status === "published" ? " — publiée" : ""}`,
        }))}
      />
    </div>
  );
}

function CampaignCommission({ campaignId }: { campaignId: number }) {
  const query = useQuery({
    queryKey: commissionKeys.commission(campaignId),
    queryFn: ({ signal }) => fetchCommission(campaignId, signal),
  });
  return (
    <QueryView query={query} loadingLabel="Chargement de la commission…">
      {(data) => <CommissionBody data={data} />}
    </QueryView>
  );
}

function CommissionBody({ data }: { data: Commission }) {
  const { campaign, run } = data;
  const published = campaign.status === "published";
  return (
    <>
      <p className="sejours-commission__facts">
        {campaign.label} · {plural(campaign.wishes, "vœu", "vœux")} · {plural(data.max_stays_per_child, "séjour", "séjours")} au plus
        par enfant · critères : {data.criteria.map((c) => c.label).join(", ") || "tirage au sort seul"}
        {published && campaign.published_at && <> · décisions publiées le {formatDateTime(campaign.published_at)}</>}
      </p>
      <StaysTable data={data} />
      <Runs data={data} />
      {run && <Proposal data={data} run={run} editable={!published && !run.published_at} />}
      {run && <PublishPanel data={data} run={run} />}
    </>
  );
}

function StaysTable({ data }: { data: Commission }) {
  const ranks = Object.keys(data.stays[0]?.wishes_by_rank ?? { 1: 0, 2: 0, 3: 0 });
  return (
    <section aria-labelledby="commission-sejours" className="sejours-commission__card">
      <h2 id="commission-sejours">Séjours et demandes</h2>
      {data.stays.length === 0 ? (
        <p>Aucun séjour dans cette campagne.</p>
      ) : (
        <div className="sejours-commission__scroll" tabIndex={0} role="group" aria-labelledby="commission-sejours">
          <table className="sejours-commission__table">
            <caption className="visually-hidden">Places et vœux par séjour</caption>
            <thead>
              <tr>
                <th scope="col">Séjour</th>
                <th scope="col">Places</th>
                <th scope="col">Restantes</th>
                {ranks.map((r) => (
                  <th scope="col" key={r}>
                    Vœu {r}
                  </th>
                ))}
                <th scope="col">Demande</th>
                <th scope="col">Suivi</th>
              </tr>
            </thead>
            <tbody>
              {data.stays.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.name}
                    <span className="sejours-commission__muted"> {formatPeriod(s.start_date, s.end_date)}</span>
                    {s.cancelled && <span className="sejours-commission__badge"> annulé</span>}
                  </th>
                  <td>{s.capacity}</td>
                  <td>{s.places_left}</td>
                  {ranks.map((r) => (
                    <td key={r}>{s.wishes_by_rank[r] ?? 0}</td>
                  ))}
                  <td className={s.demand_ratio !== null && s.demand_ratio > 1 ? "sejours-commission__high" : undefined}>
                    {ratio(s.demand_ratio)}
                  </td>
                  <td>
                    <Link to={`/gestion/sejours/${s.id}/suivi`} aria-label={`Suivi de ${s.name}`}>
                      Suivi
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="sejours-commission__muted">Demande : vœux 1 par place restante (au-delà de 1, le séjour ne peut pas accueillir tous ceux qui l'ont mis en premier).</p>
    </section>
  );
}

function Runs({ data }: { data: Commission }) {
  const client = useQueryClient();
  const [seed, setSeed] = useState("");
  const [error, setError] = useState("");
  const published = data.campaign.status === "published";
  const run = useMutation({
    mutationFn: () => runProposal(data.campaign.id, seed.trim() ? Number(seed.trim()) : null),
    onSuccess: () => {
      setError("");
      setSeed("");
      void client.invalidateQueries({ queryKey: commissionKeys.commission(data.campaign.id) });
    },
    onError: (e) => setError(staffErrors(e)[0]?.message ?? "La proposition n'a pas pu être lancée."),
  });
  const invalidSeed = seed.trim() !== "" && !/^\d{1,15}$/.test(seed.trim());
  return (
    <section aria-labelledby="commission-propositions" className="sejours-commission__card">
      <h2 id="commission-propositions">Propositions</h2>
      {!published && (
        <form
          className="sejours-commission__run"
          onSubmit={(event) => {
            event.preventDefault();
            if (!invalidSeed && !run.isPending) run.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="commission-graine">Graine du tirage (facultatif, pour rejouer une proposition)</label>
            <input
              id="commission-graine"
              inputMode="numeric"
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              aria-invalid={invalidSeed || undefined}
              aria-describedby={invalidSeed ? "commission-graine-erreur" : undefined}
            />
            {invalidSeed && (
              <p id="commission-graine-erreur" className="field-error">
                La graine est un nombre entier.
              </p>
            )}
          </div>
          <button type="submit" className="button button--primary" aria-disabled={run.isPending || undefined}>
            {run.isPending && <span className="spinner" aria-hidden="true" />}
            {run.isPending ? "Proposition en cours…" : "Lancer une proposition"}
          </button>
        </form>
      )}
      <div role="status" aria-live="polite">
        {run.data && <p className="notice notice--success">Proposition lancée (graine {run.data.seed}).</p>}
        {error && <p className="notice notice--error">{error}</p>}
      </div>
      {data.runs.length === 0 ? (
        <p>Aucune proposition lancée pour cette campagne.</p>
      ) : (
        <ol className="sejours-commission__runs" reversed>
          {data.runs.map((r, index) => (
            <li key={r.id}>
              <strong>{formatDateTime(r.created_at)}</strong> par {r.created_by} · graine <code>{r.seed}</code> ·{" "}
              {plural(r.counts.placed ?? 0, "placé", "placés")}, {plural(r.counts.waitlisted ?? 0, "en attente", "en attente")},{" "}
              {plural(r.counts.refused ?? 0, "refusé", "refusés")}
              {r.move_count > 0 && <> · {plural(r.move_count, "changement manuel", "changements manuels")}</>}
              {r.published_at ? <> · publiée le {formatDateTime(r.published_at)}</> : index === 0 ? <> · la plus récente</> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Proposal({ data, run, editable }: { data: Commission; run: RunDetail; editable: boolean }) {
  const [moving, setMoving] = useState<ChildDecision | null>(null);
  const [lastEffect, setLastEffect] = useState<string[]>([]);
  const byId = new Map(run.children.map((c) => [c.id, c]));
  const stayName = new Map(data.stays.map((s) => [s.id, s.name]));
  return (
    <section aria-labelledby="commission-proposition" className="sejours-commission__card">
      <h2 id="commission-proposition">
        Proposition du {formatDateTime(run.created_at)} (graine {run.seed})
      </h2>
      <div role="status" aria-live="polite">
        {lastEffect.length > 0 && (
          <div className="notice notice--success">
            <p>Changement enregistré :</p>
            <ul>
              {lastEffect.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {moving && (
        <MoveDialog
          run={run}
          child={moving}
          stays={data.stays}
          campaignId={data.campaign.id}
          onClose={() => setMoving(null)}
          onDone={(effect) => {
            setLastEffect(effect);
            setMoving(null);
          }}
        />
      )}
      <div className="sejours-commission__stays">
        {run.stays.map((s) => {
          const name = stayName.get(s.stay_id) ?? `Séjour ${s.stay_id}`;
          const refused = run.children.filter((c) => c.refusals.some((r) => r.stay_id === s.stay_id));
          return (
            <article key={s.stay_id} className="sejours-commission__stay" aria-labelledby={`proposition-${s.stay_id}`}>
              <h3 id={`proposition-${s.stay_id}`}>{name}</h3>
              <h4>{plural(s.placed.length, "enfant placé", "enfants placés")}</h4>
              <ChildList ids={s.placed} byId={byId} editable={editable} onMove={setMoving} />
              <h4>Liste d'attente ({s.waitlist.length})</h4>
              <ChildList ids={s.waitlist} byId={byId} editable={editable} onMove={setMoving} ordered />
              {refused.length > 0 && (
                <>
                  <h4>Refusés ({refused.length})</h4>
                  <ul className="sejours-commission__children">
                    {refused.map((c) => (
                      <li key={c.id}>
                        <ChildLine child={c} editable={editable} onMove={setMoving} />
                        <span className="sejours-commission__muted"> — {c.refusals.find((r) => r.stay_id === s.stay_id)?.reason}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </article>
          );
        })}
      </div>
      {run.moves.length > 0 && (
        <>
          <h3>Changements manuels</h3>
          <ol className="sejours-commission__moves">
            {run.moves.map((m) => (
              <li key={m.id}>
                <strong>{formatDateTime(m.created_at)}</strong>, {m.created_by} : {m.effect.join(" ")} <em>Motif : {m.reason}</em>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ChildList({
  ids,
  byId,
  editable,
  onMove,
  ordered,
}: {
  ids: number[];
  byId: Map<number, ChildDecision>;
  editable: boolean;
  onMove: (child: ChildDecision) => void;
  ordered?: boolean;
}) {
  if (!ids.length) return <p className="sejours-commission__muted">Personne.</p>;
  const items = ids.map((id) => {
    const child = byId.get(id);
    return <li key={id}>{child ? <ChildLine child={child} editable={editable} onMove={onMove} /> : `Enfant ${id}`}</li>;
  });
  return ordered ? <ol className="sejours-commission__children">{items}</ol> : <ul className="sejours-commission__children">{items}</ul>;
}

function ChildLine({ child, editable, onMove }: { child: ChildDecision; editable: boolean; onMove: (child: ChildDecision) => void }) {
  return (
    <span className="sejours-commission__child">
      <Link to={`/gestion/familles/${child.family_id}`}>{child.name}</Link>
      {child.age !== null && <span className="sejours-commission__muted"> ({child.age} ans)</span>}
      {child.manual && <span className="sejours-commission__badge"> modifié à la main</span>}
      <details className="sejours-commission__why">
        <summary>
          Pourquoi{" "}<span className="visually-hidden">pour {child.name}</span> ?
        </summary>
        <p className="sejours-commission__muted">{STATUS_LABELS[child.status]}</p>
        <ol>
          {child.trail.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </details>
      {editable && (
        <button type="button" className="button button--secondary button--small" onClick={() => onMove(child)}>
          Déplacer{" "}<span className="visually-hidden">{child.name}</span>
        </button>
      )}
    </span>
  );
}

function PublishPanel({ data, run }: { data: Commission; run: RunDetail }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState("");
  const [result, setResult] = useState<PublishResult | null>(null);
  const done = data.campaign.status === "published";
  const families = new Set(run.children.filter((c) => c.status !== "no_wish").map((c) => c.family_id)).size;
  const publish = useMutation({
    mutationFn: () => publishRun(run.id),
    onSuccess: (r) => {
      setResult(r);
      setError("");
      setConfirming(false);
      void client.invalidateQueries({ queryKey: commissionKeys.commission(data.campaign.id) });
      void client.invalidateQueries({ queryKey: commissionKeys.campaigns });
    },
    onError: (e) => setError(staffErrors(e)[0]?.message ?? "La publication a échoué."),
  });
  return (
    <section aria-labelledby="commission-publier" className="sejours-commission__card sejours-commission__card--publish">
      <h2 id="commission-publier">{done ? "Décisions publiées" : "Publier les décisions"}</h2>
      {done && !result && (
        <p>
          Les décisions de cette campagne ont été publiées
          {data.campaign.published_at && <> le {formatDateTime(data.campaign.published_at)}</>}.
        </p>
      )}
      {!done && (
      <p>
        Les places sont attribuées (à confirmer par les familles), les listes d'attente classées et les refus motivés.{" "}
        {plural(families, "famille recevra", "familles recevront")} un courriel.
      </p>
      )}
      <div role="status" aria-live="polite">
        {result && (
          <div className="notice notice--success">
            <p>
              <StatusIcon name="check" /> Décisions publiées : {plural(result.offered, "place attribuée", "places attribuées")},{" "}
              {plural(result.waitlisted, "vœu en liste d'attente", "vœux en liste d'attente")},{" "}
              {plural(result.refused, "vœu refusé", "vœux refusés")} ; {plural(result.families, "courriel", "courriels")} aux familles.
            </p>
            {result.notes.length > 0 && (
              <ul>
                {result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {error && <p className="notice notice--error">{error}</p>}
      </div>
      {confirming ? (
        <div className="sejours-commission__confirm">
          <p>
            <strong>
              Publier la proposition du {formatDateTime(run.created_at)} et envoyer {plural(families, "courriel", "courriels")} ?
            </strong>{" "}
            Cette action est définitive.
          </p>
          <button type="button" className="button button--primary" onClick={() => !publish.isPending && publish.mutate()} aria-disabled={publish.isPending || undefined}>
            {publish.isPending ? "Publication…" : "Confirmer la publication"}
          </button>{" "}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Annuler
          </button>
        </div>
      ) : (
        !result && !done && (
          <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>
            Publier les décisions
          </button>
        )
      )}
    </section>
  );
}
