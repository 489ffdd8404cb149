import { describe, expect, it } from "vitest";
import { vitestSummaryLine, type VitestJsonReport } from "../../../scripts/lib/vitest-summary";

// Shaped as vitest 4 writes it for a run where one file could not import a module.
const report: VitestJsonReport = {
  numPassedTests: 32,
  numFailedTests: 0,
  numPendingTests: 1,
  numTodoTests: 0,
  numFailedTestSuites: 1,
  testResults: [
    { name: "/repo/tests/unit/a.test.ts", status: "passed", message: "", assertionResults: [{ status: "passed" }] },
    {
      name: "/repo/tests/unit/broken.test.ts",
      status: "failed",
      message: "Cannot find module './missing' imported from /repo/tests/unit/broken.test.ts\nstack",
      assertionResults: [],
    },
  ],
};

describe("the test command's summary line", () => {
  it("counts a test file that failed to load, and names it", () => {
    expect(vitestSummaryLine(report, "/repo")).toBe(
      "vitest: 32 passed, 0 failed, 1 skipped, 1 failed suites; 1 test files failed to run: tests/unit/broken.test.ts (Cannot find module './missing' imported from /repo/tests/unit/broken.test.ts)",
    );
  });

  it("stays short when every file ran", () => {
    const clean = { ...report, numFailedTestSuites: 0, testResults: report.testResults.slice(0, 1) };
    expect(vitestSummaryLine(clean, "/repo")).toBe("vitest: 32 passed, 0 failed, 1 skipped, 0 failed suites");
  });

  it("does not list a file whose tests failed (those are counted as failed tests)", () => {
    const failing = {
      ...report,
      numFailedTests: 1,
      testResults: [{ name: "/repo/tests/unit/b.test.ts", status: "failed", message: "", assertionResults: [{ status: "failed" }] }],
    };
    expect(vitestSummaryLine(failing, "/repo")).toBe("vitest: 32 passed, 1 failed, 1 skipped, 1 failed suites");
  });
});
