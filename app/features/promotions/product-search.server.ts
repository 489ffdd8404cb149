/** The promotion editor's product picker: products matching the typed text (title, vendor or SKU). */
import { searchProducts, type ProductChoice } from "./queries/promotions.server";

export async function findProducts(shopId: number, typed: string): Promise<ProductChoice[]> {
  const text = typed.trim().slice(0, 100);
  return text.length === 0 ? [] : searchProducts(shopId, text);
}
