import type { AdminGraphqlClient } from "./admin-client.server";
import { LOCATIONS_QUERY } from "./sync-queries.server";
import { gidNumber, toDate, type LocationRecord } from "./sync-records";

interface LocationsPage {
  locations: {
    nodes: { id: string; name: string; isActive: boolean; fulfillsOnlineOrders: boolean; updatedAt: string | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Every location, active or not (a shop has few; plain pagination is enough). */
export async function fetchAllLocations(graphql: AdminGraphqlClient): Promise<LocationRecord[]> {
  const locations: LocationRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page: LocationsPage = await graphql<LocationsPage>(LOCATIONS_QUERY, { after });
    for (const node of page.locations.nodes) {
      const id = gidNumber(node.id);
      if (id !== null) locations.push({ id, name: node.name, isActive: node.isActive, fulfillsOnlineOrders: node.fulfillsOnlineOrders, updatedAt: toDate(node.updatedAt) });
    }
    if (!page.locations.pageInfo.hasNextPage) return locations;
    after = page.locations.pageInfo.endCursor;
  }
}
