import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { ProposalsPage } from "~/components/proposals/ProposalsPage";
import { handleProposalAction } from "~/plan/proposal-actions.server";
import { getProposalsView } from "~/plan/proposals-view.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getProposalsView(shop.id, new URL(request.url).searchParams);
};

/** Edits and decisions on lines; a bad value answers 400 with the field's message, nothing written. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireShop(request);
  const outcome = await handleProposalAction({ shopId: shop.id, shopDomain: shop.domain, actor }, await request.formData());
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function Proposals() {
  return <ProposalsPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/errors/RouteErrorBoundary";
