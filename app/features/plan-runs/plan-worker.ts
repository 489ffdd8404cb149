/** Worker-thread entry for plan runs: forecasts and plans one task (a location's variants) off the job's thread. */
import { serveWorkerTasks } from "~/platform/worker-pool";
import { runPlanTask, type PlanTask } from "~/engine/plan/plan-task";

serveWorkerTasks((task: PlanTask) => runPlanTask(task));
