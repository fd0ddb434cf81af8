import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { mapApiError, messagesFor, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate, formatDateTime, formatPeriod } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { ChildFilePanel } from "./wishes/ChildFilePanel";
import { fieldId, WishCard } from "./wishes/WishCard";
import "./wishes/wishes.css";
import { saveWishes, toInputs, useChildWishes, wishesKeys, type ChildWishes, type WishInput } from "./wishesApi";

/** /mes-sejours/voeux/:childId — a child's ranked wishes during the campaign, and the file. */
export function WishesPage() {
  const { childId = "" } = useParams();
  const query = useChildWishes(childId);
  const name = query.data?.child.first_name;
  // Kept here: the form is rebuilt from the server's list after each save.
  const [announce, setAnnounce] = useState("");
  usePageTitle(name ? `Vœux de séjours de ${name}` : "Vœux de séjours");

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes séjours", path: "/mes-sejours" }, { label: name ? `Vœux de ${name}` : "Vœux" }]} />
      {query.isPending ? (
        <PageLoading />
      ) : query.isError ? (
        <PageError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <h1>Vœux de séjours de {query.data.child.first_name}</h1>
          <CampaignNotice data={query.data} />
          {query.data.can_edit ? (
            <WishesForm
              key={JSON.stringify(toInputs(query.data.wishes))}
              childId={childId}
              data={query.data}
              announce={announce}
              setAnnounce={setAnnounce}
            />
          ) : (
            <WishesList data={query.data} />
          )}
          <ChildFilePanel childId={childId} firstName={query.data.child.first_name} hasWishes={query.data.wishes.length > 0} />
        </>
      )}
    </>
  );
}

function CampaignNotice({ data }: { data: ChildWishes }) {
  const campaign = data.campaign;
  if (!campaign) return <p className="notice notice--info">Aucune campagne de vœux n'est prévue pour le moment.</p>;
  const period = `du ${formatDateTime(campaign.opens_at)} au ${formatDateTime(campaign.closes_at)}`;
  if (campaign.is_open) {
    return (
      <p className="lead">
        {campaign.label} : classez jusqu'à {campaign.max_wishes} séjours par ordre de préférence, {period}. Vous pouvez modifier ou
        retirer vos vœux jusqu'à la clôture ; la commission d'attribution étudie ensuite les demandes.
      </p>
    );
  }
  const upcoming = campaign.status === "preparing" && new Date(campaign.opens_at) > new Date();
  return (
    <p className="notice notice--info">
      {upcoming
        ? `Les vœux de « ${campaign.label} » ouvriront le ${formatDateTime(campaign.opens_at)}.`
        : `Les vœux de « ${campaign.label} » sont clos (${period}).`}
    </p>
  );
}

/** The wishes as they stand, once they can no longer be changed. */
function WishesList({ data }: { data: ChildWishes }) {
  if (data.wishes.length === 0) return <p>Aucun vœu pour {data.child.first_name}.</p>;
  return (
    <ol className="wishes-list">
      {data.wishes.map((wish) => (
        <li key={wish.id} className="card">
          <h2 className="wish-card__title">
            <span className="wish-card__rank">Vœu {wish.rank}</span> {wish.stay_title}
          </h2>
          <p>{formatPeriod(wish.start_date, wish.end_date)}</p>
          <p>
            <strong>{wish.status_label}</strong>
            {wish.status === "waitlisted" && wish.waitlist_position ? ` (rang ${wish.waitlist_position})` : ""}
            {wish.status === "offered" && wish.accept_by ? ` — à confirmer au plus tard le ${formatDate(wish.accept_by)}` : ""}
          </p>
          {wish.transport_city && <p>Départ de {wish.transport_city}</p>}
        </li>
      ))}
    </ol>
  );
}

interface WishesFormProps {
  childId: string;
  data: ChildWishes;
  announce: string;
  setAnnounce: (message: string) => void;
}

function WishesForm({ childId, data, announce, setAnnounce }: WishesFormProps) {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const max = data.campaign?.max_wishes ?? 0;
  const stays = new Map(data.stays.map((stay) => [stay.id, stay]));
  const asked = Number(params.get("sejour"));
  const [draft, setDraft] = useState<WishInput[]>(() => {
    const saved = toInputs(data.wishes);
    const stay = stays.get(asked);
    if (!stay || saved.some((w) => w.stay === asked) || saved.length >= max) return saved;
    const only = stay.transports.length === 1 ? stay.transports[0].id : null;
    return [...saved, { stay: asked, transport: only, together_with: null, friend_name: "", comment: "" }];
  });
  const preselected = draft.length > data.wishes.filter((w) => w.status === "pending").length;
  const [adding, setAdding] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  // A new object each time, so that moving the same wish twice focuses it twice.
  const [focus, setFocus] = useState<{ id: string } | null>(null);

  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus();
  }, [focus]);

  useEffect(() => {
    if (preselected) setAnnounce(`« ${stays.get(asked)?.title ?? "Séjour"} » ajouté en vœu ${draft.length} : vérifiez puis enregistrez.`);
    // Once, when the page opens with ?sejour=.
  }, []);

  const mutation = useMutation({
    mutationFn: (wishes: WishInput[]) => saveWishes(childId, wishes),
    onSuccess: (saved) => {
      setErrors([]);
      if (params.has("sejour")) {
        const next = new URLSearchParams(params);
        next.delete("sejour");
        setParams(next, { replace: true });
      }
      queryClient.setQueryData(wishesKeys.child(childId), saved);
      void queryClient.invalidateQueries({ queryKey: wishesKeys.file(childId) });
      void queryClient.invalidateQueries({ queryKey: ["sejours"] });
      setAnnounce(saved.wishes.length ? "Vos vœux sont enregistrés." : "Vos vœux sont retirés.");
    },
    onError: (error) => setErrors(mapApiError(error, { idFor: () => undefined })),
  });

  const dirty = JSON.stringify(draft) !== JSON.stringify(toInputs(data.wishes));
  const available = data.stays.filter((stay) => !draft.some((w) => w.stay === stay.id));

  function update(index: number, wish: WishInput) {
    setDraft(draft.map((w, i) => (i === index ? wish : w)));
  }

  function move(index: number, delta: -1 | 1) {
    const next = [...draft];
    const [wish] = next.splice(index, 1);
    next.splice(index + delta, 0, wish);
    setDraft(next);
    setFocus({ id: fieldId(wish.stay, "titre") });
    setAnnounce(`« ${stays.get(wish.stay)?.title ?? "Séjour"} » est maintenant le vœu ${index + delta + 1}.`);
  }

  function remove(index: number) {
    const wish = draft[index];
    setDraft(draft.filter((_, i) => i !== index));
    setFocus({ id: "voeux-titre" });
    setAnnounce(`« ${stays.get(wish.stay)?.title ?? "Séjour"} » retiré de la liste : enregistrez pour confirmer.`);
  }

  function add() {
    const stay = stays.get(Number(adding));
    if (!stay) return;
    const only = stay.transports.length === 1 ? stay.transports[0].id : null;
    setDraft([...draft, { stay: stay.id, transport: only, together_with: null, friend_name: "", comment: "" }]);
    setAdding("");
    setFocus({ id: fieldId(stay.id, "titre") });
    setAnnounce(`« ${stay.title} » ajouté en vœu ${draft.length + 1}.`);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorItem[] = draft.flatMap((wish, index) => {
      const stay = stays.get(wish.stay);
      if (!stay?.transports.length || wish.transport) return [];
      const message = "Choisissez la ville de départ.";
      return [{ fieldId: fieldId(wish.stay, "depart"), message: `Vœu ${index + 1} (${stay.title}) : ${message}`, fieldMessage: message }];
    });
    setErrors(found);
    if (found.length) return;
    mutation.mutate(draft);
  }

  const byField: Record<string, string[] | undefined> = {};
  for (const wish of draft) byField[fieldId(wish.stay, "depart")] = messagesFor(errors, fieldId(wish.stay, "depart"));

  return (
    <form className="wishes-form" noValidate onSubmit={submit} aria-labelledby="voeux-titre">
      <ErrorSummary items={errors} />
      <h2 id="voeux-titre" tabIndex={-1}>
        Vœux classés ({draft.length} sur {max})
      </h2>
      <p role="status" className="wishes-announce">
        {announce}
      </p>
      {draft.length === 0 ? (
        <p>Aucun vœu pour l'instant. Ajoutez un séjour ci-dessous{data.stays.length === 0 ? "" : ", le préféré d'abord"}.</p>
      ) : (
        <ol className="wishes-list">
          {draft.map((wish, index) => (
            <li key={wish.stay}>
              <WishCard
                index={index}
                count={draft.length}
                wish={wish}
                stay={stays.get(wish.stay)}
                siblings={data.siblings}
                errors={byField}
                onChange={(next) => update(index, next)}
                onMove={(delta) => move(index, delta)}
                onRemove={() => remove(index)}
              />
            </li>
          ))}
        </ol>
      )}
      {data.stays.length === 0 ? (
        <p className="notice notice--info">
          Aucun séjour de cette campagne n'est ouvert à {data.child.first_name} (âge au départ, classe).{" "}
          <Link to="/sejours">Voir tous les séjours</Link>
        </p>
      ) : draft.length < max && available.length > 0 ? (
        <div className="wishes-add">
          <label className="field__label" htmlFor="voeu-ajout">
            Ajouter un séjour (vœu {draft.length + 1})
          </label>
          <div className="inline-actions">
            <select id="voeu-ajout" value={adding} onChange={(event) => setAdding(event.target.value)}>
              <option value="">— Choisir un séjour —</option>
              {available.map((stay) => (
                <option key={stay.id} value={stay.id}>
                  {stay.title} ({formatPeriod(stay.start_date, stay.end_date)})
                </option>
              ))}
            </select>
            <button type="button" className="button button--secondary" onClick={add} disabled={!adding}>
              Ajouter
            </button>
          </div>
          <p className="field__hint">
            Seuls les séjours ouverts à {data.child.first_name} sont proposés. <Link to="/sejours">Voir le catalogue</Link>
          </p>
        </div>
      ) : draft.length >= max ? (
        <p className="field__hint">Vous avez atteint le nombre de vœux ({max}). Retirez-en un pour en choisir un autre.</p>
      ) : null}
      {dirty && <p className="notice notice--info">Modifications non enregistrées.</p>}
      <SubmitButton busy={mutation.isPending} label="Enregistrer mes vœux" busyLabel="Enregistrement…" />
    </form>
  );
}
