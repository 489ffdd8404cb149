/**
 * A small subset of Shopify's search syntax for the `query:` argument:
 * `field:value`, `field:>=value` (also >, <, <=), quoted values, `-field:value` / `NOT field:value`,
 * terms joined by whitespace or AND. OR is not supported (terms are always ANDed).
 * Unknown fields are ignored, as Shopify ignores them (with a search warning).
 */

export type Comparator = "=" | ">" | ">=" | "<" | "<=";

export interface SearchTerm {
  field: string;
  comparator: Comparator;
  value: string;
  negated: boolean;
}

const TERM = /(-|NOT\s+)?([a-z_]+):(>=|<=|>|<)?("[^"]*"|'[^']*'|\S+)/gi;

export function parseSearchQuery(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  for (const match of query.matchAll(TERM)) {
    const raw = match[4] ?? "";
    const value = /^["'].*["']$/.test(raw) ? raw.slice(1, -1) : raw;
    terms.push({
      field: (match[2] ?? "").toLowerCase(),
      comparator: (match[3] as Comparator | undefined) ?? "=",
      value,
      negated: Boolean(match[1]),
    });
  }
  return terms;
}

function compare(a: number | string, b: number | string, comparator: Comparator): boolean {
  switch (comparator) {
    case "=":
      return a === b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
  }
}

export function matchesDate(iso: string | null, term: SearchTerm): boolean {
  if (iso === null) return false;
  const bound = Date.parse(term.value);
  if (Number.isNaN(bound)) return true;
  const actual = Date.parse(iso);
  // `created_at:2025-01-01` (no comparator) means "on that day" in Shopify's syntax.
  if (term.comparator === "=" && /^\d{4}-\d{2}-\d{2}$/.test(term.value)) {
    return actual >= bound && actual < bound + 86_400_000;
  }
  return compare(actual, bound, term.comparator);
}

export function matchesNumber(value: number, term: SearchTerm): boolean {
  const bound = Number(term.value);
  if (Number.isNaN(bound)) return true;
  return compare(value, bound, term.comparator);
}

export function matchesText(value: string | null, term: SearchTerm): boolean {
  if (value === null) return false;
  const wanted = term.value.toLowerCase();
  const actual = value.toLowerCase();
  return wanted.endsWith("*") ? actual.startsWith(wanted.slice(0, -1)) : actual === wanted;
}

/** field name -> predicate; a record matches when every known term matches (negated terms inverted). */
export type FieldMatchers<T> = Record<string, (row: T, term: SearchTerm) => boolean>;

export function buildFilter<T>(query: string | null | undefined, matchers: FieldMatchers<T>): (row: T) => boolean {
  const terms = parseSearchQuery(query).filter((t) => matchers[t.field] !== undefined);
  if (terms.length === 0) return () => true;
  return (row) =>
    terms.every((term) => {
      const matcher = matchers[term.field];
      const ok = matcher ? matcher(row, term) : true;
      return term.negated ? !ok : ok;
    });
}
