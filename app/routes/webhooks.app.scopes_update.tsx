import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/auth/webhook-request.server";
import { applyScopesUpdate } from "~/sync/app-lifecycle.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const received = await receiveWebhook(request);
  if (received instanceof Response) return received;
  const { current, previous } = received.kind === "verified" ? (received.payload as { current?: unknown; previous?: unknown }) : {};
  if (received.kind !== "verified" || !Array.isArray(current)) {
    return new Response("Payload has no `current` scope list", { status: 400 });
  }
  await applyScopesUpdate(received.shop, received.session?.id ?? null, current.map(String), Array.isArray(previous) ? previous.map(String) : null);
  return new Response(null, { status: 200 });
};
