import { serveWorkerTasks } from "../../../app/planning/forecast/parallel";
import { evaluateSeries, type EvaluationTask, type SeriesEvaluation } from "./evaluate";

serveWorkerTasks<EvaluationTask, SeriesEvaluation[]>(evaluateSeries);
