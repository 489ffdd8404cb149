import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { Button, Card, BlockStack, Page, Text } from "@shopify/polaris";

/** What a merchant reads for an error a page can explain: what is missing, and where to go instead. */
function explain(status: number, data: unknown): { title: string; message: string } {
  const detail = typeof data === "string" && data.length > 0 && data.length < 200 ? data : null;
  if (status === 404) return { title: "This page no longer exists", message: `${detail ?? "What you opened was not found"}: it may have been deleted, or the link is out of date.` };
  return { title: "Tempo could not do that", message: detail ?? `The request was refused (HTTP ${status}).` };
}

/**
 * Shown inside the admin frame, with the app's navigation still around it, when a page's
 * loader or action fails. Responses Shopify's authentication throws (the session bounce, a
 * re-auth) still go to Shopify's own boundary, which knows what to do with them.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const explainable = isRouteErrorResponse(error) && error.status >= 400 && error.status < 500 && error.status !== 401;
  if (isRouteErrorResponse(error) && !explainable) return boundary.error(error);
  const { title, message } = explainable
    ? explain(error.status, error.data)
    : { title: "Something went wrong", message: "Tempo hit an unexpected error showing this page. Nothing was changed; try again, and if it persists, contact support with the time it happened." };
  return (
    <Page title={title} backAction={{ content: "Board", url: "/app" }}>
      <Card>
        <BlockStack gap="300" inlineAlign="start">
          <Text as="p">{message}</Text>
          <Button url="/app">Back to the board</Button>
        </BlockStack>
      </Card>
    </Page>
  );
}
