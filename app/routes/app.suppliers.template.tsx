import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/shop-context.server";
import { suppliersTemplate, variantTermsTemplate } from "~/features/suppliers/terms-csv";

/** The CSV templates: ?file=suppliers or ?file=variant-terms. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireShop(request);
  const file = new URL(request.url).searchParams.get("file");
  const body = file === "variant-terms" ? variantTermsTemplate() : suppliersTemplate();
  const name = file === "variant-terms" ? "tempo-variant-terms-template.csv" : "tempo-suppliers-template.csv";
  return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` } });
};
