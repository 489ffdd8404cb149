import { ShopifyQueryError } from "~/shopify/admin-client.server";
import { BulkOperationFailedError } from "~/shopify/bulk-operations.server";
import { ShopAccessLostError, ShopifyUnavailableError } from "~/shopify/throttled-client.server";
import { BulkResultUnusableError } from "./bulk-import.server";

/** What a merchant reads on the sync card when a run fails; technical detail goes to the log. */
export function describeSyncError(error: unknown): string {
  if (error instanceof BulkOperationFailedError) {
    return error.state.partialDataUrl
      ? "Shopify stopped the export part-way through. Tempo will start it again."
      : "Shopify could not finish exporting your data. Tempo will try again.";
  }
  if (error instanceof BulkResultUnusableError) {
    return "The export file from Shopify arrived incomplete. Tempo will request a fresh one.";
  }
  if (error instanceof ShopAccessLostError) {
    return "Shopify no longer accepts Tempo's access (it was revoked or the app reinstalled). Tempo reconnects the next time you open it, then resumes.";
  }
  if (error instanceof ShopifyUnavailableError) {
    return "Shopify was busy or did not answer. Tempo will retry shortly.";
  }
  if (error instanceof ShopifyQueryError && /access denied/i.test(error.message)) {
    return "Tempo is missing a permission to read this data. Open Tempo again to approve its access.";
  }
  return "Something went wrong while importing your data. Tempo will retry automatically.";
}
