/**
 * The parameters of a tariff's pricing method (e.g. the rounding of an hourly price), as the
 * API describes them (staff/booking/pricing-methods/): a method a module adds brings its own
 * parameters without a line of SPA code.
 */
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import type { PricingMethod, PricingParameter } from "./api";
import { decimalInput } from "./labels";

/** The first parameter's field also receives the server's messages about `parameters`. */
export const PARAMETERS_FIELD_ID = "tarif-parametres";

export type ParameterValues = Record<string, string>;

export const parameterFieldId = (method: PricingMethod, name: string) =>
  method.parameters[0]?.name === name ? PARAMETERS_FIELD_ID : `tarif-parametre-${name}`;

/** "30.00" of an integer parameter as "30"; "0.50" of a decimal one as "0,50". */
function french(value: string | number | null | undefined, kind: PricingParameter["kind"] = "decimal"): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return (kind === "integer" ? text.replace(/\.0*$/, "") : text).replace(".", ",");
}

/** What the field shows: the value typed, else the tariff's, else the method's default. */
export const parameterValue = (values: ParameterValues, parameter: PricingParameter) =>
  values[parameter.name] ?? french(parameter.default, parameter.kind);

/** Values of a saved tariff's parameters, typed the French way. */
export function initialParameters(saved: Record<string, unknown> | null | undefined): ParameterValues {
  return Object.fromEntries(Object.entries(saved ?? {}).map(([name, value]) => [name, french(String(value))]));
}

/** The same rules as the server's (core/pricing/methods.py, Parameter.clean), in French. */
export function validateParameters(method: PricingMethod | undefined, values: ParameterValues): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  for (const parameter of method?.parameters ?? []) {
    const fieldId = parameterFieldId(method!, parameter.name);
    const raw = decimalInput(parameterValue(values, parameter));
    const say = (message: string) => found.push({ fieldId, message: `${parameter.label} : ${message}` });
    if (!raw) {
      say("ce champ est obligatoire.");
      continue;
    }
    if (!/^-?\d+(\.\d+)?$/.test(raw)) {
      say(parameter.kind === "integer" ? "un nombre entier est attendu." : "un nombre est attendu.");
      continue;
    }
    if (parameter.kind === "integer" && !/^-?\d+$/.test(raw)) {
      say("un nombre entier est attendu.");
      continue;
    }
    const value = Number(raw);
    if (parameter.minimum !== null && parameter.minimum !== undefined && value < Number(parameter.minimum)) say(`au moins ${french(parameter.minimum, parameter.kind)}.`);
    else if (parameter.maximum !== null && parameter.maximum !== undefined && value > Number(parameter.maximum)) say(`au plus ${french(parameter.maximum, parameter.kind)}.`);
  }
  return found;
}

/** The `parameters` object sent with the tariff: only the chosen method's. */
export function parametersBody(method: PricingMethod | undefined, values: ParameterValues): Record<string, string> {
  return Object.fromEntries((method?.parameters ?? []).map((p) => [p.name, decimalInput(parameterValue(values, p))]));
}

interface PricingParameterFieldsProps {
  method: PricingMethod | undefined;
  values: ParameterValues;
  onChange: (values: ParameterValues) => void;
  errors: readonly FormErrorItem[];
}

export function PricingParameterFields({ method, values, onChange, errors }: PricingParameterFieldsProps) {
  if (!method?.parameters.length) return null;
  return (
    <div className="form-grid form-grid--2">
      {method.parameters.map((parameter) => {
        const id = parameterFieldId(method, parameter.name);
        return (
          <InputField
            key={parameter.name}
            id={id}
            label={`${parameter.label} *`}
            hint={parameter.help_text || undefined}
            inputMode={parameter.kind === "integer" ? "numeric" : "decimal"}
            value={parameterValue(values, parameter)}
            onChange={(value) => onChange({ ...values, [parameter.name]: value })}
            errors={fieldErrors(errors, id)}
            required
            requiredMark={false}
          />
        );
      })}
    </div>
  );
}
