import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { VariantPage } from "~/features/variant/VariantPage";
import { getVariantDetail } from "~/features/variant/detail.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  if (!/^\d{1,19}$/.test(params.id ?? "")) throw new Response("No such variant", { status: 404 });
  const detail = await getVariantDetail(shop.id, BigInt(params.id!));
  if (!detail) throw new Response("No such variant", { status: 404 });
  return detail;
};

export default function Variant() {
  return <VariantPage detail={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
