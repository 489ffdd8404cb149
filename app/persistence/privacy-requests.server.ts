import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";

export type PrivacyTopic = "CUSTOMERS_DATA_REQUEST" | "CUSTOMERS_REDACT" | "SHOP_REDACT";

/** Keeps an audit trail of every privacy request and what Tempo did about it. */
export async function recordPrivacyRequest(input: {
  shopDomain: string;
  topic: PrivacyTopic;
  customerId: string | null;
  payload: Prisma.InputJsonValue;
  outcome: string;
}): Promise<void> {
  await prisma.privacyRequest.create({
    data: { ...input, completedAt: new Date() },
  });
}

export async function listPrivacyRequests(shopDomain: string) {
  return prisma.privacyRequest.findMany({
    where: { shopDomain },
    orderBy: { receivedAt: "asc" },
  });
}
