import type { Prisma } from "@prisma/client";
import prisma from "~/platform/db.server";

export type PrivacyTopic = "CUSTOMERS_DATA_REQUEST" | "CUSTOMERS_REDACT" | "SHOP_REDACT";

/** Keeps an audit trail of every privacy request and what Tempo did about it. */
export async function recordPrivacyRequest(input: {
  shopDomain: string;
  topic: PrivacyTopic;
  customerId: string | null;
  payload: Prisma.InputJsonValue;
  outcome: string;
  /** False when the work continues in a job, which completes the request later. */
  completed?: boolean;
}): Promise<void> {
  const { completed = true, ...request } = input;
  await prisma.privacyRequest.create({
    data: { ...request, completedAt: completed ? new Date() : null },
  });
}

/** The shop-erase job's outcome, on every shop/redact request for the shop still open. */
export async function completeShopRedactRequests(shopDomain: string, outcome: string): Promise<void> {
  await prisma.privacyRequest.updateMany({
    where: { shopDomain, topic: "SHOP_REDACT", completedAt: null },
    data: { completedAt: new Date(), outcome },
  });
}

export async function listPrivacyRequests(shopDomain: string) {
  return prisma.privacyRequest.findMany({
    where: { shopDomain },
    orderBy: { receivedAt: "asc" },
  });
}
