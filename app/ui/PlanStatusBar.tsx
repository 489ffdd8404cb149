import { useEffect } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { PlanStatus } from "~/platform/plan-status.server";
import { useFormat } from "~/ui/FormatContext";

const REFRESH_MS = 3_000;

/** Where the numbers on this page come from: the plan's "as of", a run in progress, or a failed run. */
export function PlanStatusBar({ status }: { status: PlanStatus }) {
  const f = useFormat();
  const replan = useFetcher<{ queued: boolean }>();
  const revalidator = useRevalidator();
  const running = status.running !== null || replan.data?.queued === true;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const replanButton = (
    <replan.Form method="post" action="/app/plan">
      <input type="hidden" name="intent" value="replan" />
      <Button submit size="slim" loading={replan.state !== "idle"} disabled={status.running !== null}>
        Re-plan now
      </Button>
    </replan.Form>
  );

  if (status.running) {
    const percent = status.running.total > 0 ? Math.round((100 * status.running.done) / status.running.total) : 0;
    return (
      <Banner tone="info" title="Tempo is re-planning">
        <BlockStack gap="200">
          <Text as="p">
            Forecasting {f.number(status.running.done)} of {f.number(status.running.total)} variant locations.
            {status.asOf ? " The figures below are the previous plan's until this one is ready." : ""}
          </Text>
          <ProgressBar progress={percent} size="small" animated />
        </BlockStack>
      </Banner>
    );
  }
  if (!status.asOf) {
    return (
      <Banner tone="info" title="The first plan is on its way">
        <Text as="p">Tempo plans as soon as your order history has been imported. This page fills in by itself.</Text>
      </Banner>
    );
  }
  return (
    <BlockStack gap="200">
      {status.failed && (
        <Banner tone="warning" title="The latest re-plan did not finish">
          <Text as="p">
            {status.failed.error} The plan from {f.moment(status.plannedAt)} is still in place.
          </Text>
        </Banner>
      )}
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="p" tone="subdued" id="plan-as-of">
          Plan as of {f.moment(status.plannedAt)}
          {status.refreshedAt ? ` · stock refreshed ${f.moment(status.refreshedAt)}` : ""}
        </Text>
        {replanButton}
      </InlineStack>
    </BlockStack>
  );
}
