import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PurchaseOrderPrint } from "~/features/purchase-orders/PurchaseOrderPrint";
import { getPurchaseOrderDocument } from "~/features/purchase-orders/view.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const order = /^\d{1,9}$/.test(params.id ?? "") ? await getPurchaseOrderDocument(shop.id, Number(params.id)) : null;
  if (!order) throw new Response("No such purchase order", { status: 404 });
  return { order, shopName: shop.name ?? shop.domain };
};

export default function PrintPurchaseOrder() {
  const { order, shopName } = useLoaderData<typeof loader>();
  return <PurchaseOrderPrint order={order} shopName={shopName} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
