import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { login } from "~/shopify.server";

// Non-embedded entry point: `login` redirects to the shop's admin, or returns field errors.
export const loader = async ({ request }: LoaderFunctionArgs) => ({ errors: await login(request) });
export const action = async ({ request }: ActionFunctionArgs) => ({ errors: await login(request) });

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? loaderData.errors;
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "4rem auto" }}>
      <h1>Log in to Tempo</h1>
      <Form method="post">
        <label>
          Shop domain <input type="text" name="shop" autoComplete="on" />
        </label>{" "}
        <button type="submit">Log in</button>
        {errors && "shop" in errors && errors.shop ? <p role="alert">{String(errors.shop)}</p> : null}
      </Form>
    </main>
  );
}
