import pg from "pg";
import { adapterOidFor, isCharacterColumn } from "./catalog-types";

/** Where the indices of `"char"` columns travel from the pg result to the adapter's result set. */
export const CHARACTER_COLUMNS = Symbol("characterColumns");

export type RowsWithCharacterColumns = unknown[][] & { [CHARACTER_COLUMNS]?: number[] };

type TypeParserLookup = (oid: number, format?: string) => unknown;
type QueryConfigWithTypes = pg.QueryConfig & { types?: { getTypeParser: TypeParserLookup } };
type QueryCallback = (error: Error | null, result: pg.QueryResult) => void;
type ClientQuery = (...args: unknown[]) => unknown;

/**
 * A pool whose clients translate catalog types (`name`, `name[]`, `"char"`) before the adapter sees
 * them. Patching each client covers both plain queries and transactions.
 */
export function createCatalogAwarePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("connect", (client) => patchClientQuery(client));
  return pool;
}

/** pg-pool calls `client.query(config, values, callback)`; the adapter's transactions use promises. */
function patchClientQuery(client: pg.PoolClient): void {
  const originalQuery = client.query.bind(client) as unknown as ClientQuery;
  const patched: ClientQuery = (config, ...rest) => {
    if (!isQueryConfig(config)) return originalQuery(config, ...rest);
    const callbackIndex = rest.findIndex((arg) => typeof arg === "function");
    if (callbackIndex >= 0) {
      const callback = rest[callbackIndex] as QueryCallback;
      rest[callbackIndex] = ((error, result) =>
        callback(error, error ? result : translateCatalogFields(result))) satisfies QueryCallback;
      return originalQuery(withCatalogTypeParsers(config), ...rest);
    }
    return (originalQuery(withCatalogTypeParsers(config), ...rest) as Promise<pg.QueryResult>).then(
      translateCatalogFields,
    );
  };
  (client as unknown as { query: ClientQuery }).query = patched;
}

function isQueryConfig(config: unknown): config is QueryConfigWithTypes {
  return typeof config === "object" && config !== null && "text" in config;
}

/** pg picks each column's parser from its OID when the row description arrives, so remap there. */
function withCatalogTypeParsers(config: QueryConfigWithTypes): QueryConfigWithTypes {
  const lookup: TypeParserLookup = config.types?.getTypeParser ?? (pg.types.getTypeParser as TypeParserLookup);
  return { ...config, types: { getTypeParser: (oid, format) => lookup(adapterOidFor(oid), format) } };
}

function translateCatalogFields(result: pg.QueryResult): pg.QueryResult {
  if (!result.fields) return result;
  const characterColumns: number[] = [];
  result.fields.forEach((field, index) => {
    if (isCharacterColumn(field.dataTypeID)) characterColumns.push(index);
    field.dataTypeID = adapterOidFor(field.dataTypeID);
  });
  if (characterColumns.length > 0) {
    Object.defineProperty(result.rows, CHARACTER_COLUMNS, { value: characterColumns, enumerable: false });
  }
  return result;
}
