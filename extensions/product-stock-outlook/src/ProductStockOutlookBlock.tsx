import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { loadOutlookView } from "./load-outlook";
import type { OutlookRow, OutlookView } from "./outlook-view";

export default async () => {
  render(<ProductStockOutlookBlock />, document.body);
};

function ProductStockOutlookBlock() {
  const productId = shopify.data.selected[0]?.id;
  const [view, setView] = useState<OutlookView>({ kind: "loading" });
  useEffect(() => {
    void loadOutlookView(fetch, productId).then(setView);
  }, [productId]);
  return (
    <s-admin-block heading="Stock outlook · Tempo" collapsedSummary={view.kind === "table" ? view.summary : undefined}>
      <OutlookBody view={view} />
    </s-admin-block>
  );
}

function OutlookBody({ view }: { view: OutlookView }) {
  if (view.kind === "loading") return <s-spinner accessibilityLabel="Loading the stock outlook" />;
  if (view.kind === "message") {
    return (
      <s-banner tone={view.tone} heading={view.title}>
        <s-paragraph>{view.body}</s-paragraph>
      </s-banner>
    );
  }
  return (
    <s-stack gap="base">
      <s-paragraph>{view.summary}</s-paragraph>
      <s-table>
        <s-table-header-row>
          <s-table-header listSlot="primary">Variant</s-table-header>
          <s-table-header format="numeric">Available</s-table-header>
          <s-table-header format="numeric">Weeks of supply</s-table-header>
          <s-table-header>Projected stockout</s-table-header>
          <s-table-header>Open proposal</s-table-header>
        </s-table-header-row>
        <s-table-body>
          {view.rows.map((row) => (
            <OutlookTableRow key={row.variantId} row={row} />
          ))}
        </s-table-body>
      </s-table>
      <s-text color="subdued">{view.asOf}</s-text>
    </s-stack>
  );
}

function OutlookTableRow({ row }: { row: OutlookRow }) {
  return (
    <s-table-row>
      <s-table-cell>
        <s-stack gap="small-500">
          <s-link href={row.href}>{row.title}</s-link>
          {row.sku ? <s-text color="subdued">{row.sku}</s-text> : null}
        </s-stack>
      </s-table-cell>
      <s-table-cell>
        <s-stack gap="small-500">
          <s-text>{row.available}</s-text>
          {row.inbound ? <s-text color="subdued">{row.inbound}</s-text> : null}
        </s-stack>
      </s-table-cell>
      <s-table-cell>{row.weeks}</s-table-cell>
      <s-table-cell>
        <s-stack gap="small-500">
          <s-badge tone={row.stockoutTone}>{row.stockout}</s-badge>
          {row.stockoutWhere ? <s-text color="subdued">{row.stockoutWhere}</s-text> : null}
        </s-stack>
      </s-table-cell>
      <s-table-cell>
        {row.proposals.length === 0 ? (
          <s-text color="subdued">None</s-text>
        ) : (
          <s-stack gap="small-300">
            {row.proposals.map((proposal) => (
              <s-stack key={`${proposal.status}-${proposal.where}`} gap="small-500">
                <s-badge tone={proposal.tone}>{proposal.status}</s-badge>
                <s-text>{proposal.detail}</s-text>
                {proposal.where ? <s-text color="subdued">{proposal.where}</s-text> : null}
              </s-stack>
            ))}
          </s-stack>
        )}
      </s-table-cell>
    </s-table-row>
  );
}
