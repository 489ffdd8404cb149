/** What the admin page and an extension's sandbox worker say to each other (postMessage). */

export interface SandboxInit {
  type: "init";
  /** The bundle Shopify CLI built (dist/<handle>.js); it calls shopify.extend(target, fn). */
  bundleUrl: string;
  target: string;
  /** shopify.data.selected: the resource the page shows, e.g. [{ id: "gid://shopify/Product/1" }]. */
  selected: { id: string }[];
  /** application_url: relative fetches resolve against it and get the session token. */
  appUrl: string;
  /** Answers { token } with a fresh session token for the shop (aud = API key, signed with the app secret). */
  sessionTokenUrl: string;
  locale: string;
}

export type SandboxMessage =
  /** Remote DOM mutation records for the host's receiver. */
  | { type: "mutate"; records: unknown[] }
  /** The target's function returned (its promise settled). */
  | { type: "rendered" }
  | { type: "error"; message: string }
  | { type: "navigate"; url: string }
  | { type: "toast"; message: string; isError: boolean };

/**
 * The Polaris web components an admin block may render (ui-extensions 2026.7,
 * BlockExtensionComponents). The sandbox syncs their attributes; the host draws them.
 */
export const ADMIN_BLOCK_ELEMENTS = [
  "s-admin-block",
  "s-form",
  "s-avatar",
  "s-badge",
  "s-banner",
  "s-box",
  "s-button",
  "s-button-group",
  "s-checkbox",
  "s-chip",
  "s-choice",
  "s-choice-list",
  "s-clickable",
  "s-clickable-chip",
  "s-color-field",
  "s-color-picker",
  "s-date-field",
  "s-date-picker",
  "s-drop-zone",
  "s-divider",
  "s-email-field",
  "s-grid",
  "s-grid-item",
  "s-heading",
  "s-icon",
  "s-image",
  "s-link",
  "s-list-item",
  "s-menu",
  "s-money-field",
  "s-number-field",
  "s-option",
  "s-option-group",
  "s-ordered-list",
  "s-paragraph",
  "s-password-field",
  "s-query-container",
  "s-search-field",
  "s-section",
  "s-select",
  "s-spinner",
  "s-stack",
  "s-switch",
  "s-table",
  "s-table-body",
  "s-table-cell",
  "s-table-header",
  "s-table-header-row",
  "s-table-row",
  "s-text",
  "s-text-area",
  "s-text-field",
  "s-thumbnail",
  "s-tooltip",
  "s-unordered-list",
  "s-url-field",
] as const;
