import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

function Document({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <Document>
      <Outlet />
    </Document>
  );
}

/** Outside the app's pages (an unknown URL, the layout itself failing) there is no Polaris yet: a plain page that says what happened. */
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Document>
      <main style={{ fontFamily: "-apple-system, BlinkMacSystemFont, 'San Francisco', 'Segoe UI', Roboto, sans-serif", maxWidth: 560, margin: "64px auto", padding: "0 16px", lineHeight: 1.5 }}>
        <h1 style={{ fontSize: 20 }}>{notFound ? "Page not found" : "Tempo could not open this page"}</h1>
        <p>{notFound ? "There is nothing at this address. Open Tempo from your Shopify admin's Apps menu." : "Something went wrong on our side. Nothing was changed; reload the page, or open Tempo again from your Shopify admin."}</p>
      </main>
    </Document>
  );
}
