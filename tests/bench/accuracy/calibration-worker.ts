import { serveWorkerTasks } from "../../../app/platform/worker-pool";
import type { CalibrationSample } from "../../../app/engine/forecast/shop-calibration";
import { calibrationSamples, type EvaluationTask } from "./evaluate";

serveWorkerTasks<EvaluationTask & { origins: number }, CalibrationSample[]>(calibrationSamples);
