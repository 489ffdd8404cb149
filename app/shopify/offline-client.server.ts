import { GraphqlQueryError, HttpRequestError, HttpResponseError } from "@shopify/shopify-api";
import { SessionNotFoundError, type AdminApiContext } from "@shopify/shopify-app-remix/server";
import { unauthenticated } from "~/shopify.server";
import { fromRemixAdmin, type AdminGraphqlClient } from "./admin-client.server";
import {
  createThrottledClient,
  ShopAccessLostError,
  ShopifyTransportError,
  type GraphqlReply,
  type ThrottleOptions,
} from "./throttled-client.server";

/** An Admin client from the shop's stored offline session, for jobs and webhooks. */
export async function unauthenticatedGraphql(shopDomain: string): Promise<AdminGraphqlClient> {
  const { admin } = await unauthenticated.admin(shopDomain);
  return fromRemixAdmin(admin);
}

/**
 * Adapts `admin.graphql` to a raw transport: the library throws GraphqlQueryError
 * (with the body, including extensions.cost) for GraphQL errors such as THROTTLED,
 * and HttpResponseError / HttpRequestError below GraphQL.
 */
export function remixAdminTransport(admin: Pick<AdminApiContext, "graphql">, shopDomain = "the shop", accessToken?: string) {
  return async (query: string, variables?: Record<string, unknown>): Promise<GraphqlReply> => {
    try {
      const response = await admin.graphql(query, variables ? { variables } : undefined);
      return (await response.json()) as GraphqlReply;
    } catch (error) {
      if (error instanceof GraphqlQueryError) {
        const body = (error.body ?? {}) as { data?: unknown; errors?: { graphQLErrors?: GraphqlReply["errors"] }; extensions?: GraphqlReply["extensions"] };
        return { data: body.data, errors: body.errors?.graphQLErrors ?? [{ message: error.message }], extensions: body.extensions };
      }
      if (error instanceof HttpResponseError) {
        const status = error.response.code;
        if (status === 401) throw new ShopAccessLostError(shopDomain, error.message, accessToken);
        throw new ShopifyTransportError(error.message, status, status >= 500 || status === 429);
      }
      if (error instanceof HttpRequestError) throw new ShopifyTransportError(error.message, null, true);
      if (error instanceof TypeError) throw new ShopifyTransportError(error.message, null, true);
      throw error;
    }
  };
}

/** The client sync jobs use: offline session, cost-bucket aware, retrying. ShopAccessLostError when there is no usable token. */
export async function throttledOfflineGraphql(shopDomain: string, options?: ThrottleOptions): Promise<AdminGraphqlClient> {
  let context: Awaited<ReturnType<typeof unauthenticated.admin>>;
  try {
    context = await unauthenticated.admin(shopDomain);
  } catch (error) {
    if (error instanceof SessionNotFoundError) throw new ShopAccessLostError(shopDomain, "no offline session is stored");
    throw error;
  }
  return createThrottledClient(remixAdminTransport(context.admin, shopDomain, context.session.accessToken ?? ""), options);
}
