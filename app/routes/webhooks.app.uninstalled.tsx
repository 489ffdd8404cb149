import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/auth/webhook-request.server";
import { applyUninstall } from "~/sync/app-lifecycle.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const received = await receiveWebhook(request);
  if (received instanceof Response) return received;
  // The shop comes from the verified headers: even an unreadable body means the app is gone.
  await applyUninstall(received.shop);
  return new Response(null, { status: 200 });
};
