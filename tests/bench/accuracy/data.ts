// Loads a benchmark folder of /work/shared/data (train.csv + test.csv, long format).
import { readSeriesCsv } from "../../../app/cli/series-csv";

export interface BenchmarkSeries {
  id: string;
  train: number[];
  test: number[];
}

export interface BenchmarkSet {
  name: string;
  horizon: number;
  seasonLength: number;
  maseLag: number;
  series: BenchmarkSeries[];
}

export const BENCHMARK_SETTINGS: Record<string, Omit<BenchmarkSet, "series" | "name">> = {
  "m4-weekly": { horizon: 13, seasonLength: 52, maseLag: 1 },
  "m3-monthly": { horizon: 18, seasonLength: 12, maseLag: 12 },
  carparts: { horizon: 6, seasonLength: 12, maseLag: 1 },
};

export async function loadBenchmark(name: string, limit?: number): Promise<BenchmarkSet> {
  const folder = `/work/shared/data/${name}`;
  const [train, test] = await Promise.all([readSeriesCsv(`${folder}/train.csv`), readSeriesCsv(`${folder}/test.csv`)]);
  const series: BenchmarkSeries[] = [];
  for (const [id, values] of train) {
    if (limit !== undefined && series.length >= limit) break;
    series.push({ id, train: values, test: test.get(id) ?? [] });
  }
  return { name, ...BENCHMARK_SETTINGS[name]!, series };
}
