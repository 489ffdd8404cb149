import { GraphqlQueryError } from "@shopify/shopify-api";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

/**
 * The one shape every Shopify query in Tempo goes through: a document and its
 * variables in, the `data` object out, GraphQL errors raised as ShopifyQueryError.
 * Remix's `admin.graphql` and the worker's offline client both adapt to it.
 */
export type AdminGraphqlClient = <T>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<T>;

export class ShopifyQueryError extends Error {
  constructor(
    message: string,
    readonly errors: unknown,
  ) {
    super(message);
    this.name = "ShopifyQueryError";
  }
}

/** One entry of a GraphQL `errors` array, as Shopify sends it. */
export interface ShopifyGraphqlError {
  message: string;
  extensions?: { code?: string; requiredAccess?: string };
}

interface GraphqlBody<T> {
  data?: T;
  errors?: ShopifyGraphqlError[];
}

/** The GraphQL errors a ShopifyQueryError carries (empty for anything else). */
export function graphqlErrorsOf(error: unknown): ShopifyGraphqlError[] {
  return error instanceof ShopifyQueryError && Array.isArray(error.errors) ? (error.errors as ShopifyGraphqlError[]) : [];
}

function rejected(errors: ShopifyGraphqlError[] | undefined): ShopifyQueryError {
  const message = errors?.length ? errors.map((e) => e.message).join("; ") : "empty response";
  return new ShopifyQueryError(`Shopify rejected the query: ${message}`, errors);
}

/**
 * Adapts Remix's `admin.graphql` (a Response-returning function) to AdminGraphqlClient. The library
 * throws GraphqlQueryError when the body has `errors`; that becomes a ShopifyQueryError too.
 */
export function fromRemixAdmin(admin: Pick<AdminApiContext, "graphql">): AdminGraphqlClient {
  return async <T>(query: string, variables?: Record<string, unknown>) => {
    let response: Response;
    try {
      response = await admin.graphql(query, variables ? { variables } : undefined);
    } catch (error) {
      if (error instanceof GraphqlQueryError) {
        const body = (error.body ?? {}) as { errors?: { graphQLErrors?: ShopifyGraphqlError[] } };
        throw rejected(body.errors?.graphQLErrors ?? [{ message: error.message }]);
      }
      throw error;
    }
    const body = (await response.json()) as GraphqlBody<T>;
    if (body.errors?.length || !body.data) throw rejected(body.errors);
    return body.data;
  };
}
