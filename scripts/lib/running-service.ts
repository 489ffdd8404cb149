/** A service the demo and tests can use; `stop` is a no-op for services we did not start. */
export interface RunningService {
  url: string;
  /** Which service this is, for the line the demo and tests print ("the local PostgreSQL on 127.0.0.1:5432"). */
  description?: string;
  stop(): Promise<void>;
}
