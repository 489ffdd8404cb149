/** Worker-thread entry for plan runs: forecasts one task (a location's variants) off the job's thread. */
import { serveWorkerTasks } from "~/lib/worker-pool";
import { runForecastTask, type ForecastTask } from "./forecast-task";

serveWorkerTasks((task: ForecastTask) => runForecastTask(task));
