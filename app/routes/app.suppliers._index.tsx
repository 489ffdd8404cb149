import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { SuppliersPage } from "~/features/suppliers/SuppliersPage";
import { listSuppliersView } from "~/features/suppliers/view.server";
import { importSuppliersFile, importVariantTermsFile } from "~/features/suppliers/terms-import.server";

/** Imports are spreadsheets: a file larger than this is not one. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return { suppliers: await listSuppliersView(shop.id) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { who } = await requireShop(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = String(form.get("csv") ?? "");
  if (intent !== "import-suppliers" && intent !== "import-terms") return json({ ok: false as const, errors: [{ line: 0, column: null, value: null, message: `Unknown action "${intent}".` }] }, { status: 400 });
  if (text.length > MAX_IMPORT_BYTES) return json({ ok: false as const, errors: [{ line: 0, column: null, value: null, message: "The file is over 5 MB: split it into smaller files." }] }, { status: 413 });
  const outcome = intent === "import-suppliers" ? await importSuppliersFile(who, text) : await importVariantTermsFile(who, text);
  return json({ ...outcome, intent }, { status: outcome.ok ? 200 : 400 });
};

export default function Suppliers() {
  return <SuppliersPage suppliers={useLoaderData<typeof loader>().suppliers} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
