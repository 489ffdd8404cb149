import { serveWorkerTasks } from "../../../app/platform/worker-pool";
import { evaluateSeries, type EvaluationTask, type SeriesEvaluation } from "./evaluate";

serveWorkerTasks<EvaluationTask, SeriesEvaluation[]>(evaluateSeries);
