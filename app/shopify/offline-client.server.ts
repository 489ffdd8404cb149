import { unauthenticated } from "~/shopify.server";
import { fromRemixAdmin, type AdminGraphqlClient } from "./admin-client.server";

/** An Admin client from the shop's stored offline session, for jobs and webhooks. */
export async function unauthenticatedGraphql(shopDomain: string): Promise<AdminGraphqlClient> {
  const { admin } = await unauthenticated.admin(shopDomain);
  return fromRemixAdmin(admin);
}
