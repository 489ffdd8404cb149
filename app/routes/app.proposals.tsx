import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireShop } from "~/auth/shop-context.server";
import { ProposalsPage } from "~/features/proposals/ProposalsPage";
import { handleProposalAction } from "~/features/proposals/actions.server";
import { getProposalsView } from "~/features/proposals/view.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  return getProposalsView(shop.id, new URL(request.url).searchParams);
};

/** Edits and decisions on lines; a bad value answers 400 with the field's message, nothing written. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { who } = await requireShop(request);
  const outcome = await handleProposalAction(who, await request.formData());
  return json(outcome, { status: outcome.ok ? 200 : 400 });
};

export default function Proposals() {
  return <ProposalsPage view={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/ui/RouteErrorBoundary";
