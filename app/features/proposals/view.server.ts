/** Everything the reorder proposals screen shows, read from the page's URL (tab, search, filters, sort). */
import type { ProposalStatus } from "@prisma/client";
import { approvedProposalIds, countProposalsByStatus, listProposals, summarizeProposals, type ProposalLine, type ProposalSort, type ProposalSummary } from "./queries.server";
import { listSupplierChoices } from "~/features/suppliers/buying-terms.server";
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";

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
  /** 1-based page of PROPOSAL_PAGE_SIZE lines */
  page: number;
}

export interface ProposalsView {
  plan: PlanStatus;
  query: ProposalsQuery;
  /** This page's lines */
  lines: ProposalLine[];
  /** Totals over every line the tab, search and filters match */
  summary: ProposalSummary;
  hasNextPage: boolean;
  pageSize: number;
  /** Approved lines under the same search and filters, whichever tab or page is open: what "Create purchase orders" orders. */
  approvedIds: number[];
  counts: Record<ProposalStatus, number>;
  suppliers: { id: number; name: string }[];
}

/** Lines a page shows: each carries an editable quantity, and hundreds of them made the page slow to answer (INP). */
export const PROPOSAL_PAGE_SIZE = 50;

export function readProposalsQuery(params: URLSearchParams): ProposalsQuery {
  const tab = (PROPOSAL_TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as ProposalTab) : "review";
  const sort = (SORTS as readonly string[]).includes(params.get("sort") ?? "") ? (params.get("sort") as ProposalSort) : "order_by";
  const page = /^\d{1,6}$/.test(params.get("page") ?? "") ? Math.max(1, Number(params.get("page"))) : 1;
  return { tab, q: (params.get("q") ?? "").slice(0, 200), supplier: params.get("supplier") ?? "", budgetCutOnly: params.get("cut") === "1", sort, page };
}

export async function getProposalsView(shopId: number, params: URLSearchParams): Promise<ProposalsView> {
  const query = readProposalsQuery(params);
  const supplierId = query.supplier === "none" ? ("none" as const) : /^\d+$/.test(query.supplier) ? Number(query.supplier) : undefined;
  const filters = { ...(supplierId !== undefined ? { supplierId } : {}), query: query.q, budgetCutOnly: query.budgetCutOnly, sort: query.sort };
  const statuses = TAB_STATUSES[query.tab];
  const [plan, page, summary, approvedIds, counts, suppliers] = await Promise.all([
    getPlanStatus(shopId),
    // One line more than a page says whether there is a next one.
    listProposals(shopId, { statuses, ...filters, limit: PROPOSAL_PAGE_SIZE + 1, offset: (query.page - 1) * PROPOSAL_PAGE_SIZE }),
    summarizeProposals(shopId, { statuses, ...filters }),
    approvedProposalIds(shopId, filters),
    countProposalsByStatus(shopId),
    listSupplierChoices(shopId),
  ]);
  return {
    plan,
    query,
    lines: page.slice(0, PROPOSAL_PAGE_SIZE),
    summary,
    hasNextPage: page.length > PROPOSAL_PAGE_SIZE,
    pageSize: PROPOSAL_PAGE_SIZE,
    approvedIds,
    counts,
    suppliers,
  };
}
