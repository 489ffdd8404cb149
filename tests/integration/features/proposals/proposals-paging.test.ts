import { afterAll, beforeAll, expect, it } from "vitest";
import type { ProposalStatus } from "@prisma/client";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { installShop, testPrisma } from "../../sync/sync-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { getProposalsView, PROPOSAL_PAGE_SIZE } from "~/features/proposals/view.server";

const shopA = uniqueShopDomain("paging-a");
const shopB = uniqueShopDomain("paging-b");
let simulator: RunningSimulator;
let a: number;
let b: number;

/** `count` lines with order-by dates a day apart; every fifth approved, every seventh over budget. */
async function seedLines(shopId: number, count: number): Promise<void> {
  await testPrisma.reorderProposal.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      shopId,
      variantId: BigInt(1000 + i),
      locationId: 1n,
      status: (i % 5 === 4 ? "APPROVED" : "PROPOSED") as ProposalStatus,
      suggestedQuantity: 10,
      quantity: 10 + i,
      unitCost: 2,
      orderByDate: new Date(Date.UTC(2026, 11, 1 + i)),
      expectedArrivalDate: new Date(Date.UTC(2027, 1, 1 + i)),
      reason: `line ${i}`,
      termsSource: "shop",
      termsNote: "Shop defaults",
      budgetCut: i % 7 === 0,
      planRunId: 1,
    })),
  });
}

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain: shopA, variants: 3, historyDays: 30 },
    { shopDomain: shopB, variants: 3, historyDays: 30 },
  ]);
  a = await installShop(simulator, shopA);
  b = await installShop(simulator, shopB);
  await seedLines(a, 120);
  await seedLines(b, 7);
}, 120_000);

afterAll(async () => {
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

it("shows the proposals a page at a time, with totals, approved ids and counts over every matching line", async () => {
  const all = await testPrisma.reorderProposal.findMany({ where: { shopId: a }, orderBy: { orderByDate: "asc" } });
  const first = await getProposalsView(a, new URLSearchParams("tab=all"));
  expect(first.lines.map((l) => l.id)).toEqual(all.slice(0, PROPOSAL_PAGE_SIZE).map((p) => p.id));
  expect(first.hasNextPage).toBe(true);
  // Totals are the whole list's, not the page's: 120 lines, 10 + 11 + … + 129 units at 2 each.
  expect(first.summary).toEqual({ lines: 120, openLines: 120, openCost: 2 * ((10 + 129) * 120) / 2, budgetCut: 18, bySupplier: { none: { lines: 120, cost: 2 * ((10 + 129) * 120) / 2 } } });
  expect(first.approvedIds.sort((x, y) => x - y)).toEqual(all.filter((p) => p.status === "APPROVED").map((p) => p.id).sort((x, y) => x - y));
  expect(first.counts).toEqual({ PROPOSED: 96, APPROVED: 24, REJECTED: 0, ORDERED: 0 });

  const last = await getProposalsView(a, new URLSearchParams("tab=all&page=3"));
  expect(last.lines.map((l) => l.id)).toEqual(all.slice(2 * PROPOSAL_PAGE_SIZE).map((p) => p.id));
  expect(last.hasNextPage).toBe(false);

  // Filters narrow the totals with the list; a page past the end is empty, not an error.
  const cut = await getProposalsView(a, new URLSearchParams("tab=review&cut=1"));
  expect(cut.summary.lines).toBe(all.filter((p) => p.budgetCut && p.status === "PROPOSED").length);
  expect(cut.lines.every((l) => l.budgetCut && l.status === "PROPOSED")).toBe(true);
  expect((await getProposalsView(a, new URLSearchParams("page=99"))).lines).toEqual([]);
  // A page that is not a number reads as the first.
  expect((await getProposalsView(a, new URLSearchParams("page=-2"))).query.page).toBe(1);

  // The other shop's lines are never counted or listed.
  const other = await getProposalsView(b, new URLSearchParams("tab=all"));
  expect(other.summary.lines).toBe(7);
  expect(other.hasNextPage).toBe(false);
  expect(other.lines.every((l) => !all.some((p) => p.id === l.id))).toBe(true);
});
