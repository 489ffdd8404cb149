import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { BoardPage } from "~/components/board/BoardPage";
import { getBoardView } from "~/plan/board-view.server";
import { enqueueShopJob } from "~/queue/enqueue.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getBoardView(shop, new URL(request.url).searchParams);
};

/** The sync card's retry button: start the import again (it resumes where it stopped). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireShop(request);
  const form = await request.formData();
  if (form.get("intent") !== "retry-sync") {
    return json({ queued: false, error: `Unknown action "${String(form.get("intent"))}"` }, { status: 400 });
  }
  await enqueueShopJob("catalog-backfill", { shopId: shop.id, shopDomain: shop.domain });
  return json({ queued: true, error: null });
};

export default function Board() {
  return <BoardPage view={useLoaderData<typeof loader>()} />;
}
