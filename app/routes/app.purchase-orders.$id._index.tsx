import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PurchaseOrderPage } from "~/components/purchase-orders/PurchaseOrderPage";
import { handlePurchaseOrderAction } from "~/plan/purchase-order-actions.server";
import { getPurchaseOrderView } from "~/plan/purchase-order-view.server";
import { grantAllowsReceiving } from "~/shopify/inventory-receipts.server";

const orderId = (raw: string | undefined): number => {
  if (!/^\d{1,9}$/.test(raw ?? "")) throw new Response("No such purchase order", { status: 404 });
  return Number(raw);
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const view = await getPurchaseOrderView(shop.id, orderId(params.id));
  if (!view) throw new Response("No such purchase order", { status: 404 });
  return { ...view, canUpdateShopifyStock: grantAllowsReceiving(shop.accessScopes) };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor, graphql } = await requireShop(request);
  const outcome = await handlePurchaseOrderAction({ shopId: shop.id, shopDomain: shop.domain, actor }, orderId(params.id), await request.formData(), graphql);
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function PurchaseOrder() {
  return <PurchaseOrderPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/errors/RouteErrorBoundary";
