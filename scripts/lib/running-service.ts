/** A service the demo and tests can use; `stop` is a no-op for services we did not start. */
export interface RunningService {
  url: string;
  stop(): Promise<void>;
}
