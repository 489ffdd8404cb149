import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALERT_KIND_TABLE, ALERT_KINDS, ALERT_SEVERITIES, alertKindsRaisedBy } from "~/engine/alerts/kinds";

const schema = readFileSync("prisma/schema.prisma", "utf8");
const enumValues = (name: string): string[] => {
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1];
  if (!body) throw new Error(`No enum ${name} in prisma/schema.prisma`);
  return body.split("\n").map((line) => line.replace(/\/\/.*$/, "").trim()).filter(Boolean);
};

/** Handle of every Flow trigger extension in extensions/. */
const flowTriggerHandles = (): string[] =>
  readdirSync("extensions", { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      let toml: string;
      try {
        toml = readFileSync(`extensions/${entry.name}/shopify.extension.toml`, "utf8");
      } catch {
        return [];
      }
      return /^type\s*=\s*"flow_trigger"/m.test(toml) ? [/^handle\s*=\s*"([^"]+)"/m.exec(toml)![1]!] : [];
    });

describe("the table of alert kinds", () => {
  it("holds exactly the database's AlertKind and AlertSeverity values", () => {
    expect([...ALERT_KINDS].sort()).toEqual(enumValues("AlertKind").sort());
    expect([...ALERT_SEVERITIES]).toEqual(enumValues("AlertSeverity"));
  });

  it("names only Flow triggers that an extension declares, and every one of them", () => {
    const named = ALERT_KINDS.map((kind) => ALERT_KIND_TABLE[kind].flowTrigger).filter((t): t is NonNullable<typeof t> => t !== null);
    expect([...named].sort()).toEqual(flowTriggerHandles().sort());
  });

  it("gives every kind a label, a severity rule and one source", () => {
    for (const kind of ALERT_KINDS) {
      expect(ALERT_KIND_TABLE[kind].label.length, kind).toBeGreaterThan(0);
      expect(ALERT_KIND_TABLE[kind].severityRule.length, kind).toBeGreaterThan(0);
    }
    expect([...alertKindsRaisedBy("plan"), ...alertKindsRaisedBy("promotion-watch")].sort()).toEqual([...ALERT_KINDS].sort());
    expect(alertKindsRaisedBy("promotion-watch")).toEqual(["PROMOTION_CAP_REACHED"]);
  });

  it("picks severities by the rules it states", () => {
    expect(ALERT_KIND_TABLE.STOCKOUT_RISK.severity({ daysToStockout: 7, orderByPassed: false })).toBe("CRITICAL");
    expect(ALERT_KIND_TABLE.STOCKOUT_RISK.severity({ daysToStockout: 20, orderByPassed: true })).toBe("HIGH");
    expect(ALERT_KIND_TABLE.STOCKOUT_RISK.severity({ daysToStockout: 20, orderByPassed: false })).toBe("MEDIUM");
    expect(ALERT_KIND_TABLE.BELOW_REORDER_POINT.severity({ onOrder: 3 })).toBe("LOW");
    expect(ALERT_KIND_TABLE.OVERSTOCK.severity({ weeksOfSupply: null, limitWeeks: 26 })).toBe("MEDIUM");
    expect(ALERT_KIND_TABLE.DEAD_STOCK.severity({ idleDays: 90, deadStockDays: 90 })).toBe("LOW");
    expect(ALERT_KIND_TABLE.PROMOTION_CAP_REACHED.severity()).toBe("HIGH");
  });
});
