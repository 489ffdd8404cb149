import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Autocomplete, BlockStack, Icon, InlineStack, Tag } from "@shopify/polaris";
import { SearchIcon } from "@shopify/polaris-icons";
import type { ProductChoice } from "~/features/promotions/queries/promotions.server";

interface Props {
  picked: ProductChoice[];
  onChange: (picked: ProductChoice[]) => void;
  disabled: boolean;
}

/** Single products, found by title, vendor or SKU as marketing types. */
export function ProductPicker({ picked, onChange, disabled }: Props) {
  const search = useFetcher<{ products: ProductChoice[] }>();
  const [text, setText] = useState("");
  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) return;
    const timer = setTimeout(() => search.load(`/app/products-search?q=${encodeURIComponent(query)}`), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the fetcher is stable; search again when the text changes
  }, [text]);
  const found = text.trim().length >= 2 ? (search.data?.products ?? []) : [];
  const known = new Map([...picked, ...found].map((p) => [p.id, p]));
  const options = found.map((p) => ({ value: p.id, label: `${p.title} (${p.variants} variant${p.variants === 1 ? "" : "s"})` }));
  return (
    <BlockStack gap="200">
      <Autocomplete
        allowMultiple
        options={options}
        selected={picked.map((p) => p.id)}
        onSelect={(ids) => onChange(ids.map((id) => known.get(id)).filter((p): p is ProductChoice => p !== undefined))}
        loading={search.state !== "idle"}
        emptyState={text.trim().length >= 2 && search.state === "idle" ? <div style={{ padding: 12 }}>No product matches “{text.trim()}”.</div> : undefined}
        textField={
          <Autocomplete.TextField
            label="Products"
            labelHidden
            value={text}
            onChange={setText}
            prefix={<Icon source={SearchIcon} />}
            placeholder="Search products by title, vendor or SKU"
            autoComplete="off"
            disabled={disabled}
          />
        }
      />
      {picked.length > 0 && (
        <InlineStack gap="200">
          {picked.map((p) => (
            <Tag key={p.id} onRemove={disabled ? undefined : () => onChange(picked.filter((other) => other.id !== p.id))}>
              {p.title}
            </Tag>
          ))}
        </InlineStack>
      )}
    </BlockStack>
  );
}
