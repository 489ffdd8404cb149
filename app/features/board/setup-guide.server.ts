/**
 * The board's first-run guide: what Tempo does in one sentence, then the four things that make
 * its plan the shop's own. Each step is checked off from the shop's data, not from clicks; the
 * guide goes once dismissed, or for good once every step is done.
 */
import { markSetupGuideDismissed, type SetupFacts } from "./queries/setup-guide.server";
import { setupSteps, type SetupGuide } from "./setup-steps";

export type { SetupGuide, SetupStep } from "./setup-steps";

/** The guide, or null once dismissed or done (done is recorded, so it never returns). */
export async function setupGuideOf(shopId: number, facts: SetupFacts, unpricedPairs: number | null): Promise<SetupGuide | null> {
  if (facts.dismissed) return null;
  const steps = setupSteps(facts, unpricedPairs);
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) {
    await markSetupGuideDismissed(shopId);
    return null;
  }
  return { steps, done };
}

export async function dismissSetupGuide(shopId: number): Promise<void> {
  await markSetupGuideDismissed(shopId);
}
