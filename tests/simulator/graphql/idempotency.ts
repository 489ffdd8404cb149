import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from "graphql";

/**
 * The `@idempotent(key:)` on the mutation field being resolved. Since 2026-04 Shopify requires it on
 * the inventory mutations although the schema cannot say so; without it the request fails (seen live:
 * BAD_REQUEST with this wording).
 */
export function requiredIdempotencyKey(info: GraphQLResolveInfo): string {
  const directive = info.schema.getDirective("idempotent");
  const node = info.fieldNodes[0];
  const key = directive && node ? getDirectiveValues(directive, node, info.variableValues)?.key : undefined;
  if (typeof key !== "string") {
    throw new GraphQLError("The @idempotent directive is required for this mutation but was not provided.", { extensions: { code: "BAD_REQUEST" } });
  }
  if (key.trim() === "") {
    throw new GraphQLError("The idempotency key cannot be an empty string or whitespace only.", { extensions: { code: "BAD_REQUEST" } });
  }
  return key;
}

export type IdempotentLookup<T> = { kind: "first" } | { kind: "replay"; result: T } | { kind: "mismatch" } | { kind: "failed" };

/**
 * One shop's idempotency keys per mutation: the parameters first sent with a key and, when that
 * request succeeded, its result. Kept for the simulator's lifetime (Shopify's retention window is
 * longer than any test).
 */
export class IdempotencyRecords {
  private readonly outcomes = new Map<string, { parameters: string; result: unknown }>();

  lookup<T>(mutation: string, key: string, parameters: string): IdempotentLookup<T> {
    const seen = this.outcomes.get(`${mutation}\n${key}`);
    if (!seen) return { kind: "first" };
    if (seen.parameters !== parameters) return { kind: "mismatch" };
    return seen.result === null ? { kind: "failed" } : { kind: "replay", result: seen.result as T };
  }

  /** `result` null records a request that failed with userErrors: its key cannot be used again. */
  record(mutation: string, key: string, parameters: string, result: unknown): void {
    this.outcomes.set(`${mutation}\n${key}`, { parameters, result });
  }
}
