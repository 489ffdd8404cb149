import prisma from "~/db.server";

export async function updateSessionScopes(shop: string, sessionId: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, shop }, data: { scope } });
}
