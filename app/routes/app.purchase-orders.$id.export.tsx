import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/shop-context.server";
import { getPurchaseOrderDocument } from "~/features/purchase-orders/view.server";
import { purchaseOrderCsv, purchaseOrderFileName } from "~/features/purchase-orders/export-csv";

/** The order as CSV, fetched by the page with the session token and saved as a file. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const order = /^\d{1,9}$/.test(params.id ?? "") ? await getPurchaseOrderDocument(shop.id, Number(params.id)) : null;
  if (!order) throw new Response("No such purchase order", { status: 404 });
  return new Response(purchaseOrderCsv(order), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${purchaseOrderFileName(order)}"` },
  });
};
