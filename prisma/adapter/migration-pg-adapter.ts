import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { markCharacterColumns } from "./character-columns";

/**
 * Delegates to a @prisma/adapter-pg adapter with two Migrate fixes: `"char"` columns are reported
 * as Character, and migration scripts run whole (see `executeScript`).
 */
export class MigrationPgAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly pool: pg.Pool,
    private readonly onDispose: () => Promise<void> = () => inner.dispose(),
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return markCharacterColumns(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  /**
   * adapter-pg splits scripts on every `;`, which breaks `$$` function bodies and string literals.
   * One simple-protocol query runs the whole script in one implicit transaction, as the native
   * schema engine does.
   */
  async executeScript(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return new MigrationPgTransaction(await this.inner.startTransaction(isolationLevel));
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    return this.onDispose();
  }
}

class MigrationPgTransaction implements Transaction {
  readonly provider;
  readonly adapterName;
  readonly options;

  constructor(private readonly inner: Transaction) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return markCharacterColumns(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  rollback(): Promise<void> {
    return this.inner.rollback();
  }
}


/** The shape the engine prints for database errors (adapter-pg's own mapper is not exported). */
function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code ?? "N/A",
    severity: error.severity ?? "N/A",
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}
