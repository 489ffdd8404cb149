// A small worker_threads pool: the main thread queues tasks, each worker runs a handler
// registered with serveWorkerTasks. Free of app imports so any batch job can reuse it.
import { Worker, isMainThread, parentPort } from "node:worker_threads";

interface TaskMessage<T> {
  id: number;
  task: T;
}
interface ResultMessage<R> {
  id: number;
  result?: R;
  error?: string;
}

export interface WorkerPool<T, R> {
  run(task: T): Promise<R>;
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** Node flags for the workers; TypeScript worker files get ["--import", "tsx"] by default */
  execArgv?: string[];
}

export function createWorkerPool<T, R>(workerUrl: URL, size: number, options: WorkerPoolOptions = {}): WorkerPool<T, R> {
  const execArgv = options.execArgv ?? (workerUrl.pathname.endsWith(".ts") ? ["--import", "tsx"] : []);
  const pending = new Map<number, { resolve: (r: R) => void; reject: (e: Error) => void }>();
  const queue: TaskMessage<T>[] = [];
  const idle: Worker[] = [];
  let nextId = 0;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) idle.pop()!.postMessage(queue.shift()!);
  };
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(workerUrl, { execArgv });
    worker.on("message", (message: ResultMessage<R>) => {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      idle.push(worker);
      dispatch();
      if (!entry) return;
      if (message.error !== undefined) entry.reject(new Error(message.error));
      else entry.resolve(message.result as R);
    });
    worker.on("error", (error) => {
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    });
    idle.push(worker);
    return worker;
  });

  return {
    run(task: T): Promise<R> {
      const id = nextId++;
      return new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, task });
        dispatch();
      });
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Call from a worker file: answers every task message with handler(task). */
export function serveWorkerTasks<T, R>(handler: (task: T) => R | Promise<R>): void {
  if (isMainThread || !parentPort) throw new Error("serveWorkerTasks must run inside a worker thread");
  const port = parentPort;
  port.on("message", async (message: TaskMessage<T>) => {
    try {
      port.postMessage({ id: message.id, result: await handler(message.task) } satisfies ResultMessage<R>);
    } catch (error) {
      port.postMessage({ id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies ResultMessage<R>);
    }
  });
}
