/**
 * Turns Tempo's answer (GET /api/product-stock-outlook/<id>) into the rows and texts the block
 * shows. Pure: no Shopify globals, no fetch, no Preact, so tests/unit/extensions covers it.
 */

/** The JSON the backend sends (app/features/product-outlook/outlook.server.ts, ProductStockOutlook). */
export type OutlookReply =
  | { state: "ready"; productId: string; productTitle: string; asOf: string; variants: VariantReply[] }
  | { state: "no-plan"; productId: string }
  | { state: "unknown-product"; productId: string };

export interface VariantReply {
  variantId: string;
  title: string;
  sku: string | null;
  link: string;
  planned: boolean;
  total: {
    available: number;
    inbound: number;
    weeksOfSupply: number | null;
    projectedStockoutDate: string | null;
    stockoutLocationName: string | null;
    proposedUnits: number;
  };
  locations: LocationReply[];
}

export interface LocationReply {
  locationName: string;
  weeksOfSupply: number | null;
  projectedStockoutDate: string | null;
  orderByDate: string | null;
  leadTimeDays: number;
  proposal: { status: "PROPOSED" | "APPROVED"; quantity: number; orderByDate: string; expectedArrivalDate: string } | null;
}

export type BadgeTone = "critical" | "warning" | "success" | "info" | "neutral";

export interface OutlookProposal {
  /** "Proposed" or "Approved" */
  status: string;
  tone: BadgeTone;
  /** "180 units, order by Dec 2" */
  detail: string;
  /** The location, when several are planned; else empty. */
  where: string;
}

export interface OutlookRow {
  variantId: string;
  title: string;
  /** The SKU, or empty. */
  sku: string;
  /** "38", or "—" when not planned. */
  available: string;
  /** "+120 inbound", or empty when nothing is on its way. */
  inbound: string;
  /** "2.4 weeks", "Not selling" or "Not planned". */
  weeks: string;
  /** "Dec 14, 2026" or "None projected". */
  stockout: string;
  /** critical: sells out before an order placed today arrives; warning: the order-by date has come. */
  stockoutTone: BadgeTone;
  /** "at Flagship store" when several locations are planned, else empty. */
  stockoutWhere: string;
  proposals: OutlookProposal[];
  /** Where the variant's title links: its page in Tempo, in the app: protocol admin links use. */
  href: string;
}

export type OutlookView =
  | { kind: "loading" }
  | { kind: "table"; asOf: string; summary: string; rows: OutlookRow[] }
  | { kind: "message"; tone: "info" | "warning" | "critical"; title: string; body: string };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-12-14" -> "Dec 14, 2026" (or "Dec 14" without the year); a calendar day, never shifted by a time zone. */
export function formatDay(isoDay: string, withYear = true): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return isoDay;
  return withYear ? `${month} ${Number(match[3])}, ${match[1]}` : `${month} ${Number(match[3])}`;
}

function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function formatWeeks(weeks: number): string {
  const rounded = Math.round(weeks * 10) / 10;
  return `${rounded.toFixed(1)} ${rounded === 1 ? "week" : "weeks"}`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** "app:app/variants/123" from "/app/variants/123": the admin resolves app: against the app's URL. */
export function appHref(path: string): string {
  return `app:${path.replace(/^\/+/, "")}`;
}

function stockoutTone(location: LocationReply, asOf: string): BadgeTone {
  if (location.projectedStockoutDate === null) return "success";
  if (location.projectedStockoutDate <= addDays(asOf, location.leadTimeDays)) return "critical";
  if (location.orderByDate !== null && location.orderByDate <= asOf) return "warning";
  return "neutral";
}

const TONE_RANK: Record<BadgeTone, number> = { critical: 0, warning: 1, neutral: 2, info: 3, success: 4 };

function rowOf(variant: VariantReply, asOf: string): OutlookRow {
  const { total } = variant;
  const tightest = variant.locations.map((l) => stockoutTone(l, asOf)).sort((a, b) => TONE_RANK[a] - TONE_RANK[b])[0];
  const weeks = !variant.planned ? "Not planned" : total.weeksOfSupply === null ? "Not selling" : formatWeeks(total.weeksOfSupply);
  const proposals = variant.locations.flatMap((l): OutlookProposal[] => {
    if (!l.proposal) return [];
    const approved = l.proposal.status === "APPROVED";
    return [
      {
        status: approved ? "Approved" : "Proposed",
        tone: approved ? "success" : "info",
        detail: `${count(l.proposal.quantity)} units, order by ${formatDay(l.proposal.orderByDate, false)}`,
        where: variant.locations.length > 1 ? l.locationName : "",
      },
    ];
  });
  return {
    variantId: variant.variantId,
    title: variant.title,
    sku: variant.sku ?? "",
    available: variant.planned ? count(total.available) : "—",
    inbound: variant.planned && total.inbound > 0 ? `+${count(total.inbound)} inbound` : "",
    weeks,
    stockout: total.projectedStockoutDate ? formatDay(total.projectedStockoutDate) : "None projected",
    stockoutTone: variant.planned ? (tightest ?? "success") : "neutral",
    stockoutWhere: variant.locations.length > 1 && total.stockoutLocationName ? `at ${total.stockoutLocationName}` : "",
    proposals,
    href: appHref(variant.link),
  };
}

function summaryOf(rows: OutlookRow[], variants: VariantReply[]): string {
  const variantsText = `${variants.length} ${variants.length === 1 ? "variant" : "variants"}`;
  const first = variants
    .filter((v) => v.total.projectedStockoutDate !== null)
    .sort((a, b) => (a.total.projectedStockoutDate ?? "").localeCompare(b.total.projectedStockoutDate ?? ""))[0];
  const atRisk = rows.filter((r) => r.stockoutTone === "critical").length;
  const parts = [variantsText];
  if (first?.total.projectedStockoutDate) parts.push(`first stockout ${formatDay(first.total.projectedStockoutDate)} (${first.title})`);
  else parts.push("no stockout projected");
  if (atRisk > 0) parts.push(`${atRisk} ${atRisk === 1 ? "sells" : "sell"} out before a new order could arrive`);
  return parts.join(" · ");
}

export function outlookView(reply: OutlookReply): OutlookView {
  if (reply.state === "no-plan") {
    return {
      kind: "message",
      tone: "info",
      title: "Tempo is still building the first plan",
      body: "Weeks of supply and stockout dates appear here as soon as the first plan is ready.",
    };
  }
  if (reply.state === "unknown-product") {
    return { kind: "message", tone: "info", title: "Tempo has not imported this product yet", body: "New products are planned on the next sync. Check back shortly." };
  }
  if (reply.variants.length === 0) {
    return { kind: "message", tone: "info", title: "No variants to plan", body: "This product has no variants Tempo tracks." };
  }
  const rows = reply.variants.map((variant) => rowOf(variant, reply.asOf));
  return { kind: "table", asOf: `From Tempo's plan of ${formatDay(reply.asOf)}`, summary: summaryOf(rows, reply.variants), rows };
}

/** What the block says when the request itself failed. */
export function failureView(status: number | null, detail: string): OutlookView {
  if (status === 401 || status === 403) {
    return { kind: "message", tone: "warning", title: "Open Tempo once to connect it", body: "Tempo could not confirm your session. Open the app from Apps, then reload this page." };
  }
  const what = status === null ? "Tempo could not be reached" : `Tempo answered ${status}`;
  return { kind: "message", tone: "critical", title: "Stock outlook unavailable", body: detail ? `${what}: ${detail}` : `${what}.` };
}

/** "gid://shopify/Product/123" -> "123"; null for anything else. */
export function productNumericId(gid: string | undefined): string | null {
  const match = /^gid:\/\/shopify\/Product\/([1-9]\d*)$/.exec(gid ?? "");
  return match?.[1] ?? null;
}
