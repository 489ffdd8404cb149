import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PromotionEditor } from "~/components/promotions/PromotionEditor";
import { handlePromotionAction } from "~/plan/promotion-actions.server";
import { getPromotionEditorView } from "~/plan/promotion-editor-view.server";

const promotionId = (raw: string | undefined): number | null => {
  if (raw === "new") return null;
  if (!/^\d{1,9}$/.test(raw ?? "")) throw new Response("No such promotion", { status: 404 });
  return Number(raw);
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const view = await getPromotionEditorView(shop, promotionId(params.id), new URL(request.url).searchParams);
  if (!view) throw new Response("No such promotion", { status: 404 });
  return view;
};

/** Check (nothing written), save, plan, cancel, delete, or apply a phasing option. */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireShop(request);
  const outcome = await handlePromotionAction(shop, actor, promotionId(params.id), await request.formData());
  if (outcome.ok && outcome.redirectTo) return redirect(outcome.redirectTo);
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function Promotion() {
  return <PromotionEditor view={useLoaderData<typeof loader>()} />;
}
