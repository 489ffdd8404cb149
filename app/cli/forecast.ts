// Forecast CLI: npx tsx app/cli/forecast.ts --input FILE.csv --horizon H --season M --output OUT.csv
// Input columns series_id,period,value (periods in order); output series_id,step,p10,p50,p90,model.
import { autoForecast } from "~/engine/forecast/auto";
import { readSeriesCsv, SeriesCsvError, writeForecastCsv, type ForecastRow } from "./series-csv";

interface CliArguments {
  input: string;
  output: string;
  horizon: number;
  season: number;
}

const USAGE = "usage: forecast --input FILE.csv --horizon H --season M --output OUT.csv";

function parseArguments(argv: readonly string[]): CliArguments {
  const value = (name: string): string => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? argv[i + 1] : undefined;
    if (v === undefined || v.startsWith("--")) throw new SeriesCsvError(`missing --${name}\n${USAGE}`);
    return v;
  };
  const positiveInteger = (name: string): number => {
    const n = Number(value(name));
    if (!Number.isInteger(n) || n < 1) throw new SeriesCsvError(`--${name} must be a positive integer, got "${value(name)}"`);
    return n;
  };
  return { input: value("input"), output: value("output"), horizon: positiveInteger("horizon"), season: positiveInteger("season") };
}

function* forecastRows(series: Map<string, number[]>, horizon: number, season: number): Generator<ForecastRow> {
  for (const [id, values] of series) {
    const result = autoForecast(values, { horizon, seasonLength: season, quantiles: [0.1, 0.5, 0.9] });
    const q = result.forecast.quantiles;
    for (let h = 0; h < horizon; h++) {
      yield { series_id: id, step: h + 1, p10: round(q["0.1"]![h]!), p50: round(q["0.5"]![h]!), p90: round(q["0.9"]![h]!), model: result.modelLabel };
    }
  }
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

async function main(): Promise<void> {
  try {
    const args = parseArguments(process.argv.slice(2));
    const series = await readSeriesCsv(args.input);
    await writeForecastCsv(args.output, forecastRows(series, args.horizon, args.season));
    console.log(`forecast ${series.size} series, horizon ${args.horizon}, written to ${args.output}`);
  } catch (error) {
    if (error instanceof SeriesCsvError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

await main();
