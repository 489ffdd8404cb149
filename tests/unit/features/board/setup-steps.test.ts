import { describe, expect, it } from "vitest";
import { setupSteps } from "~/features/board/setup-steps";

describe("the setup guide's steps", () => {
  it("are checked off from the shop's data, and a new shop has done none", () => {
    const fresh = setupSteps({ suppliers: 0, settingsSaved: false, decisions: 0 }, 33);
    expect(fresh.map((s) => [s.id, s.done])).toEqual([
      ["suppliers", false],
      ["costs", false],
      ["settings", false],
      ["proposals", false],
    ]);
    expect(fresh[1]!.detail).toMatch(/^33 stocked variant-locations have no unit cost, so they are left out of every value at cost/);

    const along = setupSteps({ suppliers: 1, settingsSaved: true, decisions: 4 }, 0);
    expect(along.every((s) => s.done)).toBe(true);
    expect(along[0]!.detail).toBe("1 supplier added.");
  });

  it("do not call the costs done before a plan has counted them", () => {
    const beforePlan = setupSteps({ suppliers: 0, settingsSaved: false, decisions: 0 }, null);
    expect(beforePlan.find((s) => s.id === "costs")).toMatchObject({ done: false, detail: "Tempo counts the variants without one once its first plan is made." });
    expect(setupSteps({ suppliers: 0, settingsSaved: false, decisions: 0 }, 1).find((s) => s.id === "costs")!.detail).toMatch(/^1 stocked variant-location has no unit cost, so it is left out/);
  });
});
