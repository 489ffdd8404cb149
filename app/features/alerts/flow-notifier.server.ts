/**
 * Newly opened alerts start the merchant's Shopify Flow workflows (e-mail, Slack, a task...).
 * Each kind's flowTrigger (engine/alerts/kinds.ts) names its trigger; FLOW_PAYLOADS below
 * builds what each trigger carries. Called after the work that opened the alerts committed and
 * released its locks: a Flow failure is logged and leaves the alert unmarked, so it never undoes
 * that work. An alert is marked (flowTriggeredAt) only once Flow accepted it, and a marked alert
 * is never sent again.
 */
import type { Shop } from "@prisma/client";
import { loadAlertNotifications, markFlowTriggered, type AlertNotification } from "./notification-queries.server";
import { ALERT_KIND_TABLE, ALERT_KINDS, type AlertKind, type FlowTriggerHandle } from "~/engine/alerts/kinds";
import { pgPool } from "~/platform/pg-pool.server";
import { FlowTriggerError, sendStockoutRiskTrigger } from "~/shopify/flow-triggers.server";
import { sendPromotionCapTrigger } from "~/shopify/promotion-cap-trigger.server";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { promotionUrl, variantDetailUrl } from "~/platform/app-links";

/** An alert just opened (by a plan run or the promotion watch). */
export interface OpenedAlert {
  id: number;
  kind: string;
}

type FlowSender = (client: AdminGraphqlClient, alert: AlertNotification, shopDomain: string) => Promise<void>;

const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value));
const count = (value: unknown): number => (typeof value === "number" ? value : Number.NaN);

/** Every trigger the table names has its payload here, or this does not compile. */
const FLOW_PAYLOADS: Record<FlowTriggerHandle, FlowSender> = {
  "stockout-risk": (client, alert, shopDomain) =>
    sendStockoutRiskTrigger(client, {
      variantId: alert.variantId,
      productId: alert.productId,
      productTitle: alert.productTitle,
      variantTitle: alert.variantTitle,
      sku: alert.sku,
      locationName: alert.locationName,
      projectedStockoutDate: text(alert.facts.stockoutDate),
      weeksOfSupply: alert.weeksOfSupply,
      severity: alert.severity.toLowerCase() as "critical" | "high" | "medium" | "low",
      reason: alert.reason,
      url: variantDetailUrl(shopDomain, alert.variantId),
    }),
  "promotion-cap-reached": (client, alert, shopDomain) => {
    if (alert.promotionId === null) throw new FlowTriggerError(`alert ${alert.id} has lost its promotion`);
    return sendPromotionCapTrigger(client, {
      variantId: alert.variantId,
      productId: alert.productId,
      productTitle: alert.productTitle,
      variantTitle: alert.variantTitle,
      promotionName: text(alert.facts.promotionName),
      discountId: alert.facts.discountId === null || alert.facts.discountId === undefined ? null : text(alert.facts.discountId),
      capUnits: count(alert.facts.capUnits),
      unitsSold: count(alert.facts.unitsSold),
      reason: alert.reason,
      url: promotionUrl(shopDomain, alert.promotionId),
    });
  },
};

const triggerOf = (kind: string): FlowTriggerHandle | null => (ALERT_KINDS.includes(kind as AlertKind) ? ALERT_KIND_TABLE[kind as AlertKind].flowTrigger : null);

export async function notifyOpenedAlerts(shop: Pick<Shop, "id" | "domain">, opened: readonly OpenedAlert[]): Promise<{ sent: number; failed: number }> {
  const ids = opened.filter((a) => triggerOf(a.kind) !== null).map((a) => a.id);
  if (ids.length === 0) return { sent: 0, failed: 0 };
  const alerts = await loadAlertNotifications(shop.id, ids);
  if (alerts.length === 0) return { sent: 0, failed: 0 };
  const client = await throttledOfflineGraphql(shop.domain);
  const sent: number[] = [];
  let failed = 0;
  for (const alert of alerts) {
    const trigger = triggerOf(alert.kind);
    if (trigger === null) continue;
    try {
      await FLOW_PAYLOADS[trigger](client, alert, shop.domain);
      sent.push(alert.id);
    } catch (error) {
      failed++;
      console.warn(`[alerts] Flow trigger ${trigger} for alert ${alert.id} of ${shop.domain} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await markFlowTriggered(shop.id, sent, pgPool());
  return { sent: sent.length, failed };
}
