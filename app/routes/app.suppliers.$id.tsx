import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { SupplierForm } from "~/features/suppliers/SupplierForm";
import { getSupplierView } from "~/features/suppliers/view.server";
import { readSupplierForm } from "~/features/suppliers/supplier-form";
import { removeSupplier, saveSupplier } from "~/features/suppliers/save.server";

const supplierId = (raw: string | undefined): number | null => {
  if (raw === "new") return null;
  if (!/^\d{1,9}$/.test(raw ?? "")) throw new Response("No such supplier", { status: 404 });
  return Number(raw);
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const id = supplierId(params.id);
  if (id === null) return { supplier: null };
  const supplier = await getSupplierView(shop.id, id);
  if (!supplier) throw new Response("No such supplier", { status: 404 });
  return { supplier };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { who } = await requireShop(request);
  const id = supplierId(params.id);
  const form = await request.formData();
  if (form.get("intent") === "delete" && id !== null) {
    const outcome = await removeSupplier(who, id);
    return outcome.ok ? redirect("/app/suppliers") : json(outcome, { status: 400 });
  }
  const read = readSupplierForm(form);
  if (!read.ok) return json(read, { status: 400 });
  const outcome = await saveSupplier(who, id, read.fields);
  if (!outcome.ok) return json(outcome, { status: 400 });
  return id === null ? redirect(`/app/suppliers/${outcome.id}`) : json(outcome);
};

export default function Supplier() {
  return <SupplierForm supplier={useLoaderData<typeof loader>().supplier} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
