import { autoForecast } from "../../../app/engine/forecast/auto";
import { serveWorkerTasks } from "../../../app/platform/worker-pool";

export interface NightlyTask {
  series: number[][];
  horizon: number;
  seasonLength: number;
}

export interface NightlyResult {
  outcomes: { model: string; demandClass: string }[];
  /** this thread's CPU time for the batch (so figures hold up when other processes share the cores) */
  cpuSeconds: number;
}

serveWorkerTasks<NightlyTask, NightlyResult>((task) => {
  const started = process.threadCpuUsage();
  const outcomes = task.series.map((y) => {
    const r = autoForecast(y, { horizon: task.horizon, seasonLength: task.seasonLength });
    return { model: r.model, demandClass: r.demandClass };
  });
  const used = process.threadCpuUsage(started);
  return { outcomes, cpuSeconds: (used.user + used.system) / 1e6 };
});
