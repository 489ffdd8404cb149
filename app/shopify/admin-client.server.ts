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

interface GraphqlBody<T> {
  data?: T;
  errors?: { message: string }[];
}

/** Adapts Remix's `admin.graphql` (a Response-returning function) to AdminGraphqlClient. */
export function fromRemixAdmin(admin: Pick<AdminApiContext, "graphql">): AdminGraphqlClient {
  return async <T>(query: string, variables?: Record<string, unknown>) => {
    const response = await admin.graphql(query, variables ? { variables } : undefined);
    const body = (await response.json()) as GraphqlBody<T>;
    if (body.errors?.length || !body.data) {
      const message = body.errors?.map((e) => e.message).join("; ") ?? "empty response";
      throw new ShopifyQueryError(`Shopify rejected the query: ${message}`, body.errors);
    }
    return body.data;
  };
}
