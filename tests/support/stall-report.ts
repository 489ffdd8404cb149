/**
 * For a test step that should take seconds and has been seen to hang in full runs: after
 * `afterMs` it prints what every connection to the test database is doing and which lock
 * requests wait, so the failure says what held it up. Returns the function that cancels it.
 */
import pg from "pg";

export function reportIfStalled(label: string, afterMs = 30_000): () => void {
  const timer = setTimeout(() => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    void (async () => {
      try {
        await client.connect();
        const activity = await client.query(
          `SELECT pid, application_name, state, wait_event_type, wait_event, now() - xact_start AS "inSqlTransaction", left(query, 160) AS query
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY xact_start NULLS LAST`,
        );
        const waiting = await client.query(
          `SELECT l.pid, l.locktype, l.mode, l.relation::regclass AS relation, l.classid, l.objid, pg_blocking_pids(l.pid) AS "blockedBy"
           FROM pg_locks l WHERE NOT l.granted`,
        );
        console.error(`[stall] ${label} still running after ${afterMs} ms; connections:`, activity.rows, "waiting locks:", waiting.rows);
      } catch (error) {
        console.error(`[stall] ${label}: could not read pg_stat_activity`, error);
      } finally {
        await client.end().catch(() => undefined);
      }
    })();
  }, afterMs);
  timer.unref();
  return () => clearTimeout(timer);
}
