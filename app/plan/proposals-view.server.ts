/** Everything the reorder proposals screen shows, read from the page's URL (tab, search, filters, sort). */
import type { ProposalStatus } from "@prisma/client";
import { countProposalsByStatus, listProposals, type ProposalLine, type ProposalSort } from "~/persistence/proposals.server";
import { listSuppliers } from "~/persistence/suppliers.server";
import { getPlanStatus, type PlanStatus } from "./plan-status.server";

export const PROPOSAL_TABS = ["review", "approved", "rejected", "ordered", "all"] as const;
export type ProposalTab = (typeof PROPOSAL_TABS)[number];

const TAB_STATUSES: Record<ProposalTab, ProposalStatus[]> = {
  review: ["PROPOSED"],
  approved: ["APPROVED"],
  rejected: ["REJECTED"],
  ordered: ["ORDERED"],
  all: ["PROPOSED", "APPROVED", "REJECTED", "ORDERED"],
};

const SORTS: readonly ProposalSort[] = ["order_by", "line_cost", "margin_at_risk", "product"];

export interface ProposalsQuery {
  tab: ProposalTab;
  q: string;
  supplier: string;
  budgetCutOnly: boolean;
  sort: ProposalSort;
}

export interface ProposalsView {
  plan: PlanStatus;
  query: ProposalsQuery;
  lines: ProposalLine[];
  /** Approved lines under the same search and filters, whichever tab is open: what "Create purchase orders" orders. */
  approvedIds: number[];
  counts: Record<ProposalStatus, number>;
  suppliers: { id: number; name: string }[];
  /** The list was cut at this many lines (narrow it with search or filters). */
  limit: number;
}

export const PROPOSAL_LIST_LIMIT = 500;

export function readProposalsQuery(params: URLSearchParams): ProposalsQuery {
  const tab = (PROPOSAL_TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as ProposalTab) : "review";
  const sort = (SORTS as readonly string[]).includes(params.get("sort") ?? "") ? (params.get("sort") as ProposalSort) : "order_by";
  return { tab, q: (params.get("q") ?? "").slice(0, 200), supplier: params.get("supplier") ?? "", budgetCutOnly: params.get("cut") === "1", sort };
}

export async function getProposalsView(shopId: number, params: URLSearchParams): Promise<ProposalsView> {
  const query = readProposalsQuery(params);
  const supplierId = query.supplier === "none" ? ("none" as const) : /^\d+$/.test(query.supplier) ? Number(query.supplier) : undefined;
  const filters = { ...(supplierId !== undefined ? { supplierId } : {}), query: query.q, budgetCutOnly: query.budgetCutOnly, sort: query.sort, limit: PROPOSAL_LIST_LIMIT };
  const [plan, lines, approved, counts, suppliers] = await Promise.all([
    getPlanStatus(shopId),
    listProposals(shopId, { statuses: TAB_STATUSES[query.tab], ...filters }),
    query.tab === "approved" ? null : listProposals(shopId, { statuses: ["APPROVED"], ...filters }),
    countProposalsByStatus(shopId),
    listSuppliers(shopId),
  ]);
  const approvedIds = (approved ?? lines).map((l) => l.id);
  return { plan, query, lines, approvedIds, counts, suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })), limit: PROPOSAL_LIST_LIMIT };
}
