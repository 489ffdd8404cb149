export { MigrationPgAdapterFactory } from "./migration-adapter-factory";
export { parseDatabaseUrl, toPoolConfig, type ParsedDatabaseUrl } from "./pool-config";
export { adapterOidFor, isCharacterColumn, PG_OID } from "./catalog-types";
