import { describe, expect, it } from "vitest";
import { classifyAbc, serviceLevelFor } from "../../../../app/engine/policy/index";

describe("classifyAbc", () => {
  const items = [
    { id: "c", revenue: 10 },
    { id: "a", revenue: 50 },
    { id: "e", revenue: 4 },
    { id: "b", revenue: 30 },
    { id: "d", revenue: 6 },
    { id: "z", revenue: 0 },
  ];

  it("ranks by revenue: A while the items above make under 80%, B under 95%, C after", () => {
    // cumulative before each: a 0, b 50, c 80, d 90, e 96
    const classes = classifyAbc(items);
    expect(Object.fromEntries([...classes].map(([id, r]) => [id, r.abcClass]))).toEqual({ a: "A", b: "A", c: "B", d: "B", e: "C", z: "C" });
    expect(classes.get("b")?.revenueShare).toBeCloseTo(0.3, 12);
    expect(classes.get("b")?.reason).toBe("A class: 30% of revenue, ranked 2 of 6; the items above it make 50%, under the 80% that A covers.");
    expect(classes.get("d")?.reason).toBe("B class: 6.0% of revenue, ranked 4 of 6; the items above it make 90%, past A's 80% and under 95%.");
    expect(classes.get("e")?.reason).toBe("C class: 4.0% of revenue, ranked 5 of 6; the items above it already make 96% (A and B cover 95%).");
    expect(classes.get("z")?.reason).toBe("C class: no revenue in the period, ranked 6 of 6.");
  });

  it("takes other cut-offs", () => {
    const classes = classifyAbc(items, { a: 0.5, b: 0.8 });
    expect(["a", "b", "c", "d"].map((id) => classes.get(id)?.abcClass)).toEqual(["A", "B", "C", "C"]);
  });

  it("with no revenue at all everything is C; ties are broken by id so the result is stable", () => {
    const none = classifyAbc([{ id: "x", revenue: 0 }, { id: "y", revenue: -5 }]);
    expect([...none.values()].map((r) => r.abcClass)).toEqual(["C", "C"]);
    const tied = classifyAbc([{ id: "q", revenue: 10 }, { id: "p", revenue: 10 }, { id: "r", revenue: 1 }]);
    expect(tied.get("p")?.reason).toContain("ranked 1 of 3");
    expect(tied.get("q")?.reason).toContain("ranked 2 of 3");
    // p is 47.6%; q starts at 47.6% < 80% so is A too; r starts at 95.2%
    expect([tied.get("q")?.abcClass, tied.get("r")?.abcClass]).toEqual(["A", "C"]);
  });

  it("refuses duplicate ids, non-numbers and inverted cut-offs", () => {
    expect(() => classifyAbc([{ id: "a", revenue: 1 }, { id: "a", revenue: 2 }])).toThrow(/twice/);
    expect(() => classifyAbc([{ id: "a", revenue: Number.NaN }])).toThrow(/not a number/);
    expect(() => classifyAbc(items, { a: 0.9, b: 0.8 })).toThrow(/cut-offs/);
  });
});

describe("serviceLevelFor", () => {
  it("returns the class's target and refuses impossible ones", () => {
    const levels = { A: 0.98, B: 0.95, C: 0.9 };
    expect(serviceLevelFor("B", levels)).toBe(0.95);
    expect(() => serviceLevelFor("A", { ...levels, A: 1 })).toThrow(/class A/);
  });
});

// The lead's first case for ABC (from main), on the final wording.
describe("classifyAbc: plan case", () => {
  it("cuts classes by cumulative revenue share, the crossing item staying in the higher class", () => {
    const classes = classifyAbc([
      { id: "a", revenue: 500 },
      { id: "b", revenue: 300 },
      { id: "c", revenue: 120 },
      { id: "d", revenue: 50 },
      { id: "e", revenue: 30 },
      { id: "f", revenue: 0 },
    ]);
    // Shares .5 .3 .12 .05 .03: before-shares 0, .5, .8, .92, .97.
    expect([...classes.entries()].map(([id, c]) => `${id}${c.abcClass}`).join(" ")).toBe("aA bA cB dB eC fC");
    expect(classes.get("c")?.reason).toBe("B class: 12% of revenue, ranked 3 of 6; the items above it make 80%, past A's 80% and under 95%.");
    expect(classes.get("f")?.reason).toBe("C class: no revenue in the period, ranked 6 of 6.");
  });
});
