import { expect, it } from "vitest";
import { shouldRevalidate } from "~/routes/app.promotions.$id";

type Args = Parameters<typeof shouldRevalidate>[0];
const form = (intent: string) => {
  const data = new FormData();
  data.set("intent", intent);
  return data;
};
const args = (from: string, to: string, intent: string): Args =>
  ({ currentUrl: new URL(`http://app${from}`), nextUrl: new URL(`http://app${to}`), formData: form(intent), defaultShouldRevalidate: true, currentParams: {}, nextParams: {} }) as unknown as Args;

it("a live check keeps the page's data, but never the draft's data on the saved promotion's page", () => {
  expect(shouldRevalidate(args("/app/promotions/new", "/app/promotions/new", "check"))).toBe(false);
  expect(shouldRevalidate(args("/app/promotions/12", "/app/promotions/12", "check"))).toBe(false);
  // A check finishing while a save redirects to the new promotion: its page must load its own data.
  expect(shouldRevalidate(args("/app/promotions/new", "/app/promotions/12", "check"))).toBe(true);
  expect(shouldRevalidate(args("/app/promotions/12", "/app/promotions/12", "save"))).toBe(true);
});
