import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PromotionEditor } from "~/features/promotions/PromotionEditor";
import { handlePromotionAction } from "~/features/promotions/actions.server";
import { getPromotionEditorView } from "~/features/promotions/editor-view.server";

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

// A live check changes nothing stored, so the page keeps its data; but a check that finishes
// while a save navigates to the saved promotion makes Remix load that page's data with the
// check's form, and skipping it then would show the saved page with the draft's data.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, currentUrl, nextUrl, defaultShouldRevalidate }) =>
  formData?.get("intent") === "check" && currentUrl.pathname === nextUrl.pathname ? false : defaultShouldRevalidate;

export default function Promotion() {
  const view = useLoaderData<typeof loader>();
  // A new promotion saved becomes another page: start its editor afresh.
  return <PromotionEditor key={view.id ?? "new"} view={view} />;
}
