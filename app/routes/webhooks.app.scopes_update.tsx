import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { updateSessionScopes } from "~/persistence/sessions.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { payload, session } = await authenticate.webhook(request);
  const current = (payload as { current?: string[] }).current;
  if (session && Array.isArray(current)) {
    await updateSessionScopes(session.id, current.join(","));
  }
  return new Response(null, { status: 200 });
};
