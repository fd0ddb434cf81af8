import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useStructure } from "../../api/StructureContext";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { InputField, CheckboxField, SelectField, TextAreaField } from "../../components/FormFields";
import { DataTable, type Column } from "../../components/list/DataTable";
import { ListView } from "../../components/list/ListView";
import { useListParams } from "../../components/list/useListParams";
import { staffErrors } from "../../components/serverErrors";
import { SubmitButton } from "../../components/SubmitButton";
import {
  deleteDocumentType,
  fetchDocumentTypes,
  saveDocumentType,
  staffKeys,
  uploadDocumentTypeTemplate,
  type DocumentScope,
  type DocumentType,
  type DocumentTypeInput,
  type DocumentValidity,
} from "./api";
import { StatusMessage } from "./StaffUi";

const SCOPES: Record<DocumentScope, string> = { family: "Pour la famille", child: "Pour chaque enfant" };
const VALIDITIES: Record<DocumentValidity, string> = {
  school_year: "Valable pour l'année scolaire",
  dated: "Valable jusqu'à une date (indiquée au dépôt)",
  permanent: "Permanent",
};

interface Draft {
  name: string;
  description: string;
  scope: DocumentScope;
  modules: string[];
  activity_kinds: string[];
  required: boolean;
  validity: DocumentValidity;
  edition: "" | "health_form";
  requires_review: boolean;
  order: string;
  active: boolean;
}

const EMPTY: Draft = {
  name: "",
  description: "",
  scope: "family",
  modules: [],
  activity_kinds: [],
  required: true,
  validity: "school_year",
  edition: "",
  requires_review: true,
  order: "0",
  active: true,
};

const ID = (name: string) => `type-document-${name.replace(/_/g, "-")}`;
const PARAMS = Object.fromEntries(
  ["name", "description", "scope", "modules", "activity_kinds", "validity", "edition", "order", "template"].map((n) => [n, ID(n)]),
);

function draftOf(type: DocumentType): Draft {
  return {
    name: type.name,
    description: type.description ?? "",
    scope: type.scope,
    modules: type.modules ?? [],
    activity_kinds: type.activity_kinds ?? [],
    required: type.required ?? false,
    validity: type.validity ?? "school_year",
    edition: (type.edition ?? "") as Draft["edition"],
    requires_review: type.requires_review ?? false,
    order: String(type.order ?? 0),
    active: type.active ?? true,
  };
}

/** The documents the structure asks for: list, add/edit (with a model file), delete. */
export function DocumentTypesPage() {
  const structure = useStructure();
  const queryClient = useQueryClient();
  const { page, setPage } = useListParams({});
  const query = useQuery({ queryKey: staffKeys.documentTypes(page), queryFn: ({ signal }) => fetchDocumentTypes(page, signal) });
  const [editing, setEditing] = useState<DocumentType | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [removeTemplate, setRemoveTemplate] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const [deleting, setDeleting] = useState<number | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const reset = () => {
    setEditing(null);
    setDraft(EMPTY);
    setFile(null);
    setRemoveTemplate(false);
    if (fileInput.current) fileInput.current.value = "";
  };

  const save = useMutation({
    mutationFn: async (input: DocumentTypeInput) => {
      const saved = await saveDocumentType(editing?.id ?? null, removeTemplate && !file ? { ...input, template: null } : input);
      return file ? uploadDocumentTypeTemplate(saved.id, file) : saved;
    },
    onSuccess: (saved) => {
      setStatus(editing ? `Le type « ${saved.name} » est modifié.` : `Le type « ${saved.name} » est ajouté.`);
      setErrors([]);
      reset();
      void queryClient.invalidateQueries({ queryKey: ["staff", "document-types"] });
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, PARAMS));
    },
  });

  const remove = useMutation({
    mutationFn: (type: DocumentType) => deleteDocumentType(type.id),
    onSuccess: (_, type) => {
      setDeleting(null);
      setErrors([]);
      setStatus(`Le type « ${type.name} » est supprimé.`);
      void queryClient.invalidateQueries({ queryKey: ["staff", "document-types"] });
      formHeading.current?.focus();
    },
    onError: (error) => {
      setDeleting(null);
      setErrors(staffErrors(error));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const found: FormErrorItem[] = [];
    if (!draft.name.trim()) found.push({ fieldId: ID("name"), message: "Saisissez le nom du document." });
    if (!/^\d+$/.test(draft.order.trim())) found.push({ fieldId: ID("order"), message: "Ordre : saisissez un nombre entier positif." });
    if (draft.edition === "health_form" && draft.scope !== "child")
      found.push({ fieldId: ID("edition"), message: "La fiche sanitaire pré-remplie concerne un document « pour chaque enfant »." });
    setErrors(found);
    setStatus("");
    if (found.length) return;
    save.mutate({ ...draft, name: draft.name.trim(), order: Number(draft.order) });
  }

  const toggleIn = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  const kinds = structure.modules.filter((m) => draft.modules.length === 0 || draft.modules.includes(m.id));

  const columns: Column<DocumentType>[] = [
    {
      key: "name",
      header: "Nom",
      rowHeader: true,
      cell: (type) => (
        <>
          {type.name}
          {type.template_url && (
            <div>
              <a href={type.template_url} target="_blank" rel="noopener">
                Modèle{" "}<span className="visually-hidden">de « {type.name} » (nouvelle fenêtre)</span>
              </a>
            </div>
          )}
        </>
      ),
    },
    { key: "scope", header: "Concerne", cell: (type) => SCOPES[type.scope] },
    {
      key: "modules",
      header: "Services",
      cell: (type) =>
        type.modules?.length
          ? type.modules.map((id) => structure.modules.find((m) => m.id === id)?.label ?? id).join(", ")
          : "Tous",
    },
    { key: "validity", header: "Validité", cell: (type) => VALIDITIES[type.validity ?? "school_year"] },
    { key: "required", header: "Obligatoire", cell: (type) => (type.required ? "Oui" : "Non") },
    { key: "review", header: "Vérifié", cell: (type) => (type.requires_review ? "Oui" : "Non") },
    { key: "active", header: "Actif", cell: (type) => (type.active ? "Oui" : "Non") },
    {
      key: "actions",
      header: "Actions",
      cell: (type) =>
        deleting === type.id ? (
          <div className="button-row" role="group" aria-label={`Supprimer « ${type.name} » ?`}>
            <button
              type="button"
              className="button button--danger"
              autoFocus
              onClick={() => {
                if (!remove.isPending) remove.mutate(type);
              }}
            >
              Confirmer la suppression{" "}<span className="visually-hidden">de « {type.name} »</span>
            </button>
            <button type="button" className="button button--secondary" onClick={() => setDeleting(null)}>
              Annuler
            </button>
          </div>
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setEditing(type);
                setDraft(draftOf(type));
                setFile(null);
                setRemoveTemplate(false);
                setErrors([]);
                requestAnimationFrame(() => formHeading.current?.focus());
              }}
            >
              Modifier{" "}<span className="visually-hidden">« {type.name} »</span>
            </button>
            <button type="button" className="button button--secondary" onClick={() => setDeleting(type.id)}>
              Supprimer{" "}<span className="visually-hidden">« {type.name} »</span>
            </button>
          </div>
        ),
    },
  ];

  return (
    <section aria-labelledby="types-documents-titre" className="stack">
      <h2 id="types-documents-titre">Types de documents</h2>
      <p>Les justificatifs demandés aux familles : pour quels services, leur validité, et s'ils sont vérifiés par la structure.</p>
      <StatusMessage message={status} />
      <ListView
        query={query}
        loadingLabel="Chargement des types de documents…"
        empty="Aucun type de document."
        pagination={{ label: "Pages des types de documents", page, onPage: setPage }}
      >
        {(data) => <DataTable caption={`Types de documents (${data.count})`} columns={columns} rows={data.results} rowKey={(type) => type.id} />}
      </ListView>

      <form className="form card" noValidate onSubmit={submit} aria-labelledby="type-document-form-titre">
        <h3 id="type-document-form-titre" ref={formHeading} tabIndex={-1}>
          {editing ? `Modifier « ${editing.name} »` : "Ajouter un type de document"}
        </h3>
        <ErrorSummary items={errors} />
        <InputField
          id={ID("name")}
          label="Nom *"
          required requiredMark={false}
          value={draft.name}
          onChange={(v) => setDraft((d) => ({ ...d, name: v }))}
          errors={fieldErrors(errors, ID("name"))}
        />
        <TextAreaField
          id={ID("description")}
          label="Consignes"
          hint="Affichées aux familles au moment du dépôt."
          rows={3}
          value={draft.description}
          onChange={(v) => setDraft((d) => ({ ...d, description: v }))}
          errors={fieldErrors(errors, ID("description"))}
        />
        <div className="form-grid form-grid--2">
          <SelectField
            id={ID("scope")}
            label="Concerne"
            value={draft.scope}
            onChange={(v) => setDraft((d) => ({ ...d, scope: v as DocumentScope }))}
            options={(Object.entries(SCOPES) as Array<[string, string]>).map(([value, label]) => ({ value, label }))}
            errors={fieldErrors(errors, ID("scope"))}
          />
          <SelectField
            id={ID("validity")}
            label="Validité"
            value={draft.validity}
            onChange={(v) => setDraft((d) => ({ ...d, validity: v as DocumentValidity }))}
            options={(Object.entries(VALIDITIES) as Array<[string, string]>).map(([value, label]) => ({ value, label }))}
            errors={fieldErrors(errors, ID("validity"))}
          />
        </div>
        <fieldset className="fieldset" aria-describedby={`${ID("modules")}-aide`}>
          <legend>Exigé pour les services</legend>
          <p id={`${ID("modules")}-aide`} className="field__hint">
            Aucun coché : exigé de toutes les familles.
          </p>
          {fieldErrors(errors, ID("modules")) && <p className="field__error">{fieldErrors(errors, ID("modules"))!.join(" ")}</p>}
          {structure.modules.map((m) => (
            <CheckboxField
              key={m.id}
              id={`${ID("modules")}-${m.id}`}
              label={m.label}
              checked={draft.modules.includes(m.id)}
              onChange={(on) => setDraft((d) => ({ ...d, modules: toggleIn(d.modules, m.id, on) }))}
            />
          ))}
        </fieldset>
        {kinds.some((m) => m.activity_kinds.length) && (
          <fieldset className="fieldset" aria-describedby={`${ID("activity_kinds")}-aide`}>
            <legend>Exigé pour les types d'activité</legend>
            <p id={`${ID("activity_kinds")}-aide`} className="field__hint">
              Aucun coché : tous les types d'activité des services choisis.
            </p>
            {fieldErrors(errors, ID("activity_kinds")) && <p className="field__error">{fieldErrors(errors, ID("activity_kinds"))!.join(" ")}</p>}
            {kinds.flatMap((m) =>
              m.activity_kinds.map((k) => (
                <CheckboxField
                  key={`${m.id}-${k.id}`}
                  id={`${ID("activity_kinds")}-${k.id}`}
                  label={`${k.label} (${m.label})`}
                  checked={draft.activity_kinds.includes(k.id)}
                  onChange={(on) => setDraft((d) => ({ ...d, activity_kinds: toggleIn(d.activity_kinds, k.id, on) }))}
                />
              )),
            )}
          </fieldset>
        )}
        <CheckboxField id={ID("required")} label="Obligatoire" checked={draft.required} onChange={(v) => setDraft((d) => ({ ...d, required: v }))} />
        <CheckboxField
          id={ID("requires_review")}
          label="Vérifié par la structure"
          hint="Le document attend votre vérification avant d'être considéré comme fourni."
          checked={draft.requires_review}
          onChange={(v) => setDraft((d) => ({ ...d, requires_review: v }))}
        />
        <SelectField
          id={ID("edition")}
          label="Modèle pré-rempli"
          value={draft.edition}
          onChange={(v) => setDraft((d) => ({ ...d, edition: v as Draft["edition"] }))}
          options={[
            { value: "", label: "Aucun" },
            { value: "health_form", label: "Fiche sanitaire de liaison pré-remplie" },
          ]}
          errors={fieldErrors(errors, ID("edition"))}
        />
        <div className={fieldErrors(errors, ID("template")) ? "field field--error" : "field"}>
          <label className="field__label" htmlFor={ID("template")}>
            Modèle à télécharger par les familles
          </label>
          <p className="field__hint" id={`${ID("template")}-aide`}>
            PDF, JPEG ou PNG.{editing?.has_template ? " Un modèle est déjà enregistré : un nouveau fichier le remplace." : ""}
          </p>
          {fieldErrors(errors, ID("template")) && (
            <p className="field__error" id={`${ID("template")}-erreur`}>
              <span className="visually-hidden">Erreur :</span> {fieldErrors(errors, ID("template"))!.join(" ")}
            </p>
          )}
          <input
            ref={fileInput}
            type="file"
            id={ID("template")}
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={[`${ID("template")}-aide`, fieldErrors(errors, ID("template")) ? `${ID("template")}-erreur` : ""].filter(Boolean).join(" ")}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        {editing?.has_template && (
          <CheckboxField id={ID("remove-template")} label="Retirer le modèle actuel" checked={removeTemplate} onChange={setRemoveTemplate} />
        )}
        <InputField
          id={ID("order")}
          label="Ordre d'affichage"
          type="number"
          inputMode="numeric"
          min={0}
          value={draft.order}
          onChange={(v) => setDraft((d) => ({ ...d, order: v }))}
          errors={fieldErrors(errors, ID("order"))}
        />
        <CheckboxField id={ID("active")} label="Actif (demandé aux familles)" checked={draft.active} onChange={(v) => setDraft((d) => ({ ...d, active: v }))} />
        <div className="button-row">
          <SubmitButton busy={save.isPending} label={editing ? "Enregistrer les modifications" : "Ajouter le type"} busyLabel="Enregistrement…" />
          {editing && (
            <button type="button" className="button button--secondary" onClick={reset}>
              Annuler la modification
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
