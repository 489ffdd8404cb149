import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PurchaseOrdersPage } from "~/features/purchase-orders/PurchaseOrdersPage";
import { listPurchaseOrdersView } from "~/features/purchase-orders/view.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { orders: await listPurchaseOrdersView(shop.id) };
};

export default function PurchaseOrders() {
  return <PurchaseOrdersPage orders={useLoaderData<typeof loader>().orders} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
