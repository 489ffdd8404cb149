import prisma from "~/db.server";

export async function updateSessionScopes(sessionId: string, scope: string): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId }, data: { scope } });
}
