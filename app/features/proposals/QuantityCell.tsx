import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { TextField } from "@shopify/polaris";
import { parseLineQuantity, QUANTITY_MESSAGE } from "./line-preview";

interface Props {
  id: number;
  quantity: number;
  editable: boolean;
  /** Reports the quantity as typed, so cost and weeks of supply follow it at once. */
  onDraft: (quantity: number) => void;
}

interface EditResult {
  ok: boolean;
  errors?: Record<string, string>;
}

/** A line's quantity, edited in place; saved on blur or Enter, the server's message shown inline. */
export function QuantityCell({ id, quantity, editable, onDraft }: Props) {
  const fetcher = useFetcher<EditResult>();
  const [value, setValue] = useState(String(quantity));
  useEffect(() => setValue(String(quantity)), [quantity]);
  if (!editable) return <span>{quantity}</span>;

  const save = () => {
    if (value.trim() === String(quantity)) return;
    fetcher.submit({ intent: "edit", id: String(id), quantity: value.trim() }, { method: "post" });
  };
  const serverError = fetcher.data && !fetcher.data.ok ? (fetcher.data.errors?.[`quantity-${id}`] ?? fetcher.data.errors?.form) : undefined;
  const error = value.trim() !== String(quantity) && parseLineQuantity(value) === null ? QUANTITY_MESSAGE : serverError;
  return (
    // The row toggles selection on click; typing in the field must not. The table cell does not wrap; the error must.
    <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.key === "Enter" && save()} style={{ minWidth: "6rem", maxWidth: "9rem", whiteSpace: "normal" }}>
      <TextField
        label="Quantity"
        labelHidden
        type="number"
        min={1}
        size="slim"
        selectTextOnFocus
        autoComplete="off"
        value={value}
        error={error}
        onChange={(next) => {
          setValue(next);
          // Only what the server would accept moves the preview: 2.5 must not price as 2.5 units shown as 3.
          const parsed = parseLineQuantity(next);
          if (parsed !== null) onDraft(parsed);
        }}
        onBlur={save}
        id={`quantity-${id}`}
        loading={fetcher.state !== "idle"}
      />
    </div>
  );
}
