import { serveWorkerTasks } from "../../../app/lib/worker-pool";
import { evaluateSeries, type EvaluationTask, type SeriesEvaluation } from "./evaluate";

serveWorkerTasks<EvaluationTask, SeriesEvaluation[]>(evaluateSeries);
