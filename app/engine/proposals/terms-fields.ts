/**
 * A supplier's terms and a variant's buying-terms overrides, field by field: the CSV column,
 * the form's label and help, limits, and the zod schema that reads a cell or form input with
 * messages a merchant can act on. The form, the CSV import, the templates, the stored types
 * and the engine's SupplierTerms all come from these lists, so they cannot disagree.
 */
import { z } from "zod";

/** How one kind of value reads from a cell and writes back to one. */
interface Codec<T> {
  /** Reads a cell (trimmed; blank is null or []); every issue carries a merchant's message. */
  cell: z.ZodType<T>;
  toCell(value: T): string;
  /** The column must be in the file and the cell filled. */
  required: boolean;
  input: "text" | "email" | "number";
  limits?: { min: number; max: number };
  /** A form's typing differs from a cell's (lists: commas instead of "|"). */
  fromForm?(typed: string): string;
  toForm?(value: T): string;
}

export interface TermsField<T = unknown> extends Codec<T> {
  column: string;
  label: string;
  help?: string;
  suffix?: string;
  /** The templates' example row. */
  example: string;
}

const blankToNull = (value: unknown) => (typeof value === "string" ? (value.trim() === "" ? null : value.trim()) : value);
const outside = (min: number, max: number) => (issue: { input?: unknown }) => `${String(issue.input)} is outside ${min}–${max}.`;
const optionalCell = <T>(inner: z.ZodType<T, string>) => z.preprocess(blankToNull, inner.nullable()) as unknown as z.ZodType<T | null>;
const numberToCell = (value: number | null) => (value === null ? "" : String(value));

function text(options: { max: number }): Codec<string | null>;
function text(options: { max: number; required: string }): Codec<string>;
function text(options: { max: number; required?: string }): Codec<string | null> {
  const inner = (options.required ? z.string({ error: options.required }) : z.string()).max(options.max, { error: `Keep it to ${options.max} characters or fewer.` });
  return { cell: options.required ? (z.preprocess(blankToNull, inner) as unknown as z.ZodType<string>) : optionalCell(inner), toCell: (v) => v ?? "", required: options.required !== undefined, input: "text" };
}

function wholeNumber(min: number, max: number): Codec<number | null> {
  const inner = z
    .string()
    .regex(/^-?\d+$/, { error: (issue) => `"${String(issue.input)}" is not a whole number.` })
    .refine((v) => Number.isSafeInteger(Number(v)), { error: (issue) => `"${String(issue.input)}" is not a whole number.` })
    .transform(Number)
    .pipe(z.number().min(min, { error: outside(min, max) }).max(max, { error: outside(min, max) }));
  return { cell: optionalCell(inner), toCell: numberToCell, required: false, input: "number", limits: { min, max } };
}

function decimal(min: number, max: number): Codec<number | null> {
  const notANumber = (issue: { input?: unknown }) => `"${String(issue.input)}" is not a number (use a dot for decimals, no currency sign).`;
  const inner = z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, { error: notANumber })
    .refine((v) => Number.isFinite(Number(v)), { error: notANumber })
    .transform(Number)
    .pipe(z.number().min(min, { error: outside(min, max) }).max(max, { error: outside(min, max) }));
  return { cell: optionalCell(inner), toCell: numberToCell, required: false, input: "number", limits: { min, max } };
}

const email: Codec<string | null> = {
  cell: optionalCell(
    z
      .string()
      .max(254, { error: "Keep it to 254 characters or fewer." })
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: (issue) => `"${String(issue.input)}" is not an e-mail address.` }),
  ),
  toCell: (v) => v ?? "",
  required: false,
  input: "email",
};

function isKnownCurrency(code: string): boolean {
  try {
    return Intl.supportedValuesOf("currency").includes(code);
  } catch {
    return true;
  }
}

const currency: Codec<string | null> = {
  cell: optionalCell(
    z
      .string()
      .refine((v) => /^[A-Z]{3}$/.test(v.toUpperCase()) && isKnownCurrency(v.toUpperCase()), { error: (issue) => `"${String(issue.input)}" is not an ISO 4217 currency code (e.g. USD, EUR, KWD).` })
      .transform((v) => v.toUpperCase()),
  ),
  toCell: (v) => v ?? "",
  required: false,
  input: "text",
};

/** Names separated by "|" in a cell (commas belong to CSV), by commas in the form. */
const nameList: Codec<string[]> = {
  cell: z
    .string()
    .transform((v) => v.split("|").map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(120, { error: "Keep each name to 120 characters or fewer." })).max(100, { error: "List at most 100 names." })),
  toCell: (v) => v.join("|"),
  required: false,
  input: "text",
  fromForm: (typed) => typed.replace(/,/g, "|"),
  toForm: (v) => v.join(", "),
};

/** A variant's id as a number or a gid://shopify/ProductVariant/ id; read as the number's text. */
const variantId: Codec<string | null> = {
  cell: optionalCell(
    z
      .string()
      .regex(/^(\d+|gid:\/\/shopify\/ProductVariant\/\d+)$/, { error: (issue) => `"${String(issue.input)}" is not a variant id (a number, or gid://shopify/ProductVariant/...).` })
      .transform((v) => v.replace(/^gid:\/\/shopify\/ProductVariant\//, "")),
  ),
  toCell: (v) => v ?? "",
  required: false,
  input: "text",
};

const field = <T>(spec: Omit<TermsField<T>, keyof Codec<T>> & { value: Codec<T> }): TermsField<T> => {
  const { value, ...rest } = spec;
  return { ...value, ...rest };
};

// Terms a supplier and a variant override share: one definition, two help texts.
const leadTimeDays = wholeNumber(1, 365);
const moqUnits = wholeNumber(0, 1_000_000);
const casePack = wholeNumber(1, 100_000);

export const SUPPLIER_FIELDS = {
  name: field({ column: "name", label: "Name", value: text({ max: 120, required: "Give the supplier a name." }), example: "Pacific Mills" }),
  contactEmail: field({ column: "contact_email", label: "Contact e-mail", value: email, example: "orders@pacificmills.example" }),
  currencyCode: field({ column: "currency", label: "Currency", help: "ISO code, e.g. USD. Blank: the shop's currency.", value: currency, example: "USD" }),
  leadTimeDays: field({ column: "lead_time_days", label: "Lead time", suffix: "days", help: "From order to stock on the shelf. Blank: the shop default.", value: leadTimeDays, example: "35" }),
  leadTimeSdDays: field({ column: "lead_time_sd_days", label: "Lead time spread", suffix: "days", help: "How much it varies (one standard deviation), when known.", value: decimal(0, 180), example: "5" }),
  orderCycleDays: field({ column: "order_cycle_days", label: "Order cycle", suffix: "days", help: "How often you order from them. Blank: weekly.", value: wholeNumber(1, 180), example: "14" }),
  moqUnits: field({ column: "moq_units", label: "Minimum order", suffix: "units", help: "Per line.", value: moqUnits, example: "24" }),
  moqValue: field({ column: "moq_value", label: "Minimum order value", help: "Per purchase order, in the supplier's currency.", value: decimal(0, 1e12), example: "500" }),
  casePack: field({ column: "case_pack", label: "Case pack", suffix: "units", help: "Quantities are rounded up to whole cases.", value: casePack, example: "6" }),
  vendorNames: field({
    column: "vendors",
    label: "Vendors it supplies",
    help: "Product vendors (as in Shopify), separated by commas. Variants with no supplier of their own use this supplier when their vendor is listed, or matches its name.",
    value: nameList,
    example: "Pacific Mills|PM Textiles",
  }),
};

/** Which variant a row of the variant-terms file is about, and its supplier by name. */
export const VARIANT_TERMS_KEYS = {
  sku: field({ column: "sku", label: "SKU", value: text({ max: 255 }), example: "TS-EVERYDAY-BLK-M" }),
  variantId: field({ column: "variant_id", label: "Variant ID", help: "Instead of the SKU, when SKUs repeat.", value: variantId, example: "" }),
  supplierName: field({ column: "supplier", label: "Supplier", help: "Blank: the vendor's supplier.", value: text({ max: 120 }), example: "Pacific Mills" }),
};

/** A variant's own terms; a blank one falls back to its supplier's. */
export const VARIANT_TERMS_FIELDS = {
  unitCost: field({ column: "unit_cost", label: "Unit cost", help: "Blank: the cost in Shopify.", value: decimal(0, 1e9), example: "9.40" }),
  leadTimeDays: field({ column: "lead_time_days", label: "Lead time", suffix: "days", value: leadTimeDays, example: "" }),
  moqUnits: field({ column: "moq_units", label: "Minimum order", suffix: "units", value: moqUnits, example: "" }),
  casePack: field({ column: "case_pack", label: "Case pack", suffix: "units", value: casePack, example: "12" }),
};

type Fields = Record<string, TermsField<unknown>>;
export type FieldValues<F extends Fields> = { [K in keyof F]: F[K] extends TermsField<infer T> ? T : never };

export type SupplierFields = FieldValues<typeof SUPPLIER_FIELDS>;
export type VariantTermsValues = FieldValues<typeof VARIANT_TERMS_FIELDS>;

export interface FieldError {
  column: string;
  value: string;
  message: string;
}

/** The file's columns: which must be there, which may. */
export function fieldColumns(...lists: Fields[]): { required: string[]; optional: string[] } {
  const all = lists.flatMap((fields) => Object.values(fields));
  const unique = all.filter((f, i) => all.findIndex((g) => g.column === f.column) === i);
  return { required: unique.filter((f) => f.required).map((f) => f.column), optional: unique.filter((f) => !f.required).map((f) => f.column) };
}

/**
 * Reads every field's cell (by column); a field that fails is left out of `values` and named
 * in `errors`. A message zod did not get from the field says what was expected, never zod's own.
 */
export function readFields<F extends Fields>(fields: F, cells: Readonly<Record<string, string>>): { values: Partial<FieldValues<F>>; errors: FieldError[] } {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, f] of Object.entries(fields)) {
    const raw = cells[f.column] ?? "";
    const parsed = (f.cell as z.ZodType).safeParse(raw, { error: () => `"${raw}" is not a valid ${f.label.toLowerCase()}.` });
    if (parsed.success) values[key] = parsed.data;
    else errors.push({ column: f.column, value: raw, message: parsed.error.issues[0]!.message });
  }
  return { values: values as Partial<FieldValues<F>>, errors };
}

/** Values as cells (a form's starting text, an export's row). */
export function fieldCells<F extends Fields>(fields: F, values: FieldValues<F>, as: "cell" | "form" = "cell"): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, f]) => {
      const value = (values as Record<string, unknown>)[key];
      return [f.column, as === "form" && f.toForm ? f.toForm(value) : f.toCell(value)];
    }),
  );
}
