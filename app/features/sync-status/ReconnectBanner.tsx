import { formatMoment } from "~/platform/format";
import { useFormat } from "~/ui/FormatContext";
import { useFetcher } from "@remix-run/react";
import { Banner, Text } from "@shopify/polaris";

/**
 * Shown while Shopify refuses Tempo's token (revoked, the app reinstalled): syncing has
 * stopped. Opening Tempo normally reconnects it; the button forces a fresh token exchange now.
 */
export function ReconnectBanner({ accessLostAt }: { accessLostAt: string | null }) {
  const reconnect = useFetcher<{ reconnected: boolean }>();
  const f = useFormat();
  if (!accessLostAt || reconnect.data?.reconnected) return null;
  return (
    <Banner
      tone="warning"
      title="Reconnect Tempo to your shop"
      action={{
        content: "Reconnect",
        loading: reconnect.state !== "idle",
        onAction: () => reconnect.submit({ intent: "reconnect" }, { method: "post" }),
      }}
    >
      <Text as="p">
        Since {formatMoment(accessLostAt, f)} Shopify has refused Tempo&apos;s access, so syncing is paused. Reconnecting gets a fresh
        access grant and resumes the sync where it stopped.
      </Text>
    </Banner>
  );
}
