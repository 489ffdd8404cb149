import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { getProductStockOutlook } from "~/features/product-outlook/outlook.server";

/**
 * The product page admin block's backend. authenticate.admin verifies the block's session
 * token (Authorization: Bearer) and answers the CORS preflight; `cors` adds the headers the
 * block's cross-origin fetch needs to read the answer.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, cors } = await authenticate.admin(request);
  const productId = params.productId ?? "";
  if (!/^[1-9]\d{0,18}$/.test(productId)) {
    return cors(json({ error: `"${productId}" is not a numeric product id` }, { status: 400 }));
  }
  return cors(json(await getProductStockOutlook(session.shop, BigInt(productId))));
};

// Remix sends OPTIONS (the preflight) to the action; authenticate.admin answers it.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { cors } = await authenticate.admin(request);
  return cors(json({ error: "Only GET is supported" }, { status: 405 }));
};
