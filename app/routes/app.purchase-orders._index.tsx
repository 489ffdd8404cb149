import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { PurchaseOrdersPage } from "~/components/purchase-orders/PurchaseOrdersPage";
import { listPurchaseOrders } from "~/persistence/purchase-orders.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { orders: await listPurchaseOrders(shop.id) };
};

export default function PurchaseOrders() {
  return <PurchaseOrdersPage orders={useLoaderData<typeof loader>().orders} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/errors/RouteErrorBoundary";
