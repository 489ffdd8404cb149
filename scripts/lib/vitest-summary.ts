/**
 * The one summary line scripts/test.sh prints from vitest's JSON report. A test file
 * that fails to load (a missing import, a throwing beforeAll) has no failed test, only
 * a failed suite, so the line counts failed suites too and names files that failed to run.
 *   npx tsx scripts/lib/vitest-summary.ts test-results/vitest.json
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
}

export function vitestSummaryLine(report: VitestJsonReport, root = process.cwd()): string {
  const skipped = report.numPendingTests + report.numTodoTests;
  const unrun = report.testResults.filter((file) => file.status === "failed" && !file.assertionResults.some((a) => a.status === "failed"));
  const line = `vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped, ${report.numFailedTestSuites} failed suites`;
  if (unrun.length === 0) return line;
  const files = unrun.map((file) => `${path.relative(root, file.name)} (${(file.message ?? "").split("\n")[0]})`);
  return `${line}; ${unrun.length} test files failed to run: ${files.join("; ")}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? "test-results/vitest.json";
  console.log(vitestSummaryLine(JSON.parse(readFileSync(file, "utf8")) as VitestJsonReport));
}
