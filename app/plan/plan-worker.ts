/** Worker-thread entry for plan runs: forecasts and plans one task (a location's variants) off the job's thread. */
import { serveWorkerTasks } from "~/lib/worker-pool";
import { runPlanTask, type PlanTask } from "./plan-task";

serveWorkerTasks((task: PlanTask) => runPlanTask(task));
