/**
 * The Admin API documents the sync runs (API 2026-10). Bulk queries return one
 * JSONL line per connection node; list fields (refunds) stay inline, and bulk
 * queries cannot hold a connection inside a list, so refund lines are not in the
 * export: a line's missing units (quantity - currentQuantity) count as refunded
 * when the order has refunds, as removed by an edit otherwise.
 */

/** Products, the collections each is in, their variants (cost from the inventory item) and stock per location. */
export const CATALOG_BULK_QUERY = `#graphql
{
  products {
    edges {
      node {
        id
        title
        handle
        vendor
        productType
        status
        tags
        createdAt
        updatedAt
        collections {
          edges {
            node { id title handle updatedAt }
          }
        }
        variants {
          edges {
            node {
              id
              title
              sku
              price
              compareAtPrice
              createdAt
              updatedAt
              inventoryItem {
                id
                tracked
                unitCost { amount }
                inventoryLevels {
                  edges {
                    node {
                      id
                      updatedAt
                      location { id }
                      quantities(names: ["available", "on_hand", "committed", "incoming"]) { name quantity }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

const ORDERS_SEARCH_PLACEHOLDER = '"__ORDERS_SEARCH__"';

/**
 * Orders with lines, refunds and location. Bulk queries take no variables, so
 * the search is spliced into a literal document (which tests validate as written).
 */
const ORDERS_BULK_QUERY = `#graphql
{
  orders(query: "__ORDERS_SEARCH__") {
    edges {
      node {
        id
        name
        processedAt
        createdAt
        updatedAt
        cancelledAt
        test
        currencyCode
        sourceName
        discountCodes
        channelInformation { channelDefinition { channelName } }
        retailLocation { id }
        fulfillments(first: 1) { location { id } }
        refunds { id createdAt }
        lineItems {
          edges {
            node {
              id
              quantity
              currentQuantity
              sku
              variant { id }
              product { id }
              originalUnitPriceSet { shopMoney { amount } }
              discountAllocations { allocatedAmountSet { shopMoney { amount } } }
            }
          }
        }
      }
    }
  }
}`;

/** The orders export for a search such as `processed_at:>=2024-11-01`. */
export function ordersBulkQuery(search: string): string {
  return ORDERS_BULK_QUERY.replace(ORDERS_SEARCH_PLACEHOLDER, JSON.stringify(search));
}

export const RUN_BULK_QUERY_MUTATION = `#graphql
mutation TempoRunBulkQuery($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

export const BULK_OPERATION_QUERY = `#graphql
query TempoBulkOperation($id: ID!) {
  node(id: $id) {
    ... on BulkOperation {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      url
      partialDataUrl
    }
  }
}`;

export const LOCATIONS_QUERY = `#graphql
query TempoLocations($after: String) {
  locations(first: 50, after: $after, includeInactive: true) {
    nodes { id name isActive fulfillsOnlineOrders updatedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SHOP_COUNTS_QUERY = `#graphql
query TempoShopCounts($ordersSearch: String!) {
  productsCount(limit: null) { count }
  productVariantsCount(limit: null) { count }
  locationsCount(limit: null) { count }
  ordersCount(query: $ordersSearch, limit: null) { count }
}`;
