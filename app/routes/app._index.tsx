import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { BoardPage } from "~/features/board/BoardPage";
import { getBoardView } from "~/features/board/view.server";
import { dismissSetupGuide } from "~/features/board/setup-guide.server";
import { forgetOfflineToken, retrySync } from "~/features/sync-status/actions.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getBoardView(shop, new URL(request.url).searchParams);
};

/**
 * The board's buttons: the setup guide's Dismiss, and the sync card's. Retry: start the import again (it resumes where it stopped).
 * Reconnect: drop the stored token and authenticate again, which exchanges a fresh one
 * (afterAuth then resumes the sync).
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const form = await request.formData();
  if (form.get("intent") === "reconnect") {
    await forgetOfflineToken(shop);
    await authenticate.admin(request);
    return json({ reconnected: true, error: null });
  }
  if (form.get("intent") === "dismiss-setup-guide") {
    await dismissSetupGuide(shop.id);
    return json({ dismissed: true, error: null });
  }
  if (form.get("intent") !== "retry-sync") {
    return json({ queued: false, error: `Unknown action "${String(form.get("intent"))}"` }, { status: 400 });
  }
  await retrySync(shop);
  return json({ queued: true, error: null });
};

export default function Board() {
  return <BoardPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
