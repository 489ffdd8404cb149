import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PurchaseOrderPage } from "~/features/purchase-orders/PurchaseOrderPage";
import { handlePurchaseOrderAction } from "~/features/purchase-orders/actions.server";
import { getPurchaseOrderView } from "~/features/purchase-orders/view.server";

const orderId = (raw: string | undefined): number => {
  if (!/^\d{1,9}$/.test(raw ?? "")) throw new Response("No such purchase order", { status: 404 });
  return Number(raw);
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const view = await getPurchaseOrderView(shop, orderId(params.id));
  if (!view) throw new Response("No such purchase order", { status: 404 });
  return view;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { who, graphql } = await requireShop(request);
  const outcome = await handlePurchaseOrderAction(who, orderId(params.id), await request.formData(), graphql);
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function PurchaseOrder() {
  return <PurchaseOrderPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
