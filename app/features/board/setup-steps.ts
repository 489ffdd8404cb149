/** The setup guide's steps, checked off from what the shop's data says (plain data in and out). */

/** What the steps are checked against: the shop's suppliers, saved settings and decisions. */
export interface SetupStepFacts {
  suppliers: number;
  settingsSaved: boolean;
  decisions: number;
}

export interface SetupStep {
  id: "suppliers" | "costs" | "settings" | "proposals";
  title: string;
  detail: string;
  done: boolean;
  action: { label: string; url: string } | null;
}

export interface SetupGuide {
  steps: SetupStep[];
  done: number;
}

/** The steps from the shop's facts and the plan's count of stocked variant-locations without a unit cost. */
export function setupSteps(facts: SetupStepFacts, unpricedPairs: number | null): SetupStep[] {
  const unpriced = unpricedPairs ?? 0;
  const counted = unpricedPairs !== null;
  return [
    {
      id: "suppliers",
      title: "Add your suppliers and their lead times",
      detail: facts.suppliers > 0 ? `${facts.suppliers} supplier${facts.suppliers === 1 ? "" : "s"} added.` : "Until then every variant is planned with the default lead time from the settings.",
      done: facts.suppliers > 0,
      action: { label: "Suppliers", url: "/app/suppliers" },
    },
    {
      id: "costs",
      title: "Give every stocked variant a unit cost",
      detail: !counted
        ? "Tempo counts the variants without one once its first plan is made."
        : unpriced > 0
          ? `${unpriced} stocked variant-location${unpriced === 1 ? " has" : "s have"} no unit cost, so ${unpriced === 1 ? "it is" : "they are"} left out of every value at cost. Set "Cost per item" on the variant in Shopify; Tempo reads it on its next sync.`
          : "Every stocked variant has a unit cost.",
      done: counted && unpriced === 0,
      action: null,
    },
    {
      id: "settings",
      title: "Check your service levels and horizon",
      detail: facts.settingsSaved ? "Saved." : "Tempo uses 98% / 95% / 90% for A, B and C items until you say otherwise.",
      done: facts.settingsSaved,
      action: { label: "Settings", url: "/app/settings" },
    },
    {
      id: "proposals",
      title: "Review your first reorder proposals",
      detail: facts.decisions > 0 ? "Reviewed." : "Approve, change or reject what Tempo proposes to order; approved lines become draft purchase orders.",
      done: facts.decisions > 0,
      action: { label: "Reorder proposals", url: "/app/proposals" },
    },
  ];
}
