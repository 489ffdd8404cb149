/**
 * The admin page's side of an extension: one sandbox worker per block, a Remote DOM receiver
 * that mirrors what the extension renders into the block's card, and the admin's handling of
 * links (`app:` into the app frame, `shopify:admin/` to admin pages). The components are
 * drawn by plain custom elements and CSS (./host-elements.ts). Bundled by ./bundle.ts.
 */
import { DOMRemoteReceiver } from "@remote-dom/core/receivers";
import { defineHostElements } from "./host-elements";
import { ADMIN_BLOCK_ELEMENTS, type SandboxInit, type SandboxMessage } from "./messages";

export interface HostBlock {
  handle: string;
  target: string;
  bundleUrl: string | null;
  /** Why there is no bundle (not built yet), shown in the card. */
  missing?: string;
}

export interface HostConfig {
  sandboxUrl: string;
  sessionTokenUrl: string;
  appUrl: string;
  /** The shell path that frames the app: /store/<name>/apps/<handle> */
  appBase: string;
  /** /store/<name> */
  storeBase: string;
  selected: { id: string }[];
  blocks: HostBlock[];
}

function resolveAdminHref(config: HostConfig, href: string): { url: string; newTab: boolean } {
  if (href.startsWith("app:")) return { url: `${config.appBase}/${href.slice(4).replace(/^\/+/, "")}`, newTab: false };
  if (href.startsWith("shopify:admin/")) return { url: `${config.storeBase}/${href.slice("shopify:admin/".length)}`, newTab: false };
  if (/^https?:/i.test(href)) return { url: href, newTab: true };
  // A relative link is a path in the app, like app:.
  return { url: `${config.appBase}/${href.replace(/^\/+/, "")}`, newTab: false };
}

function showToast(message: string, isError: boolean): void {
  const toasts = document.getElementById("toasts");
  if (!toasts) return;
  const toast = document.createElement("div");
  toast.className = `toast${isError ? " error" : ""}`;
  toast.setAttribute("role", "status");
  toast.textContent = message;
  toasts.appendChild(toast);
  setTimeout(() => toast.remove(), 5000);
}

function mountBlock(config: HostConfig, block: HostBlock, card: HTMLElement): void {
  const root = card.querySelector<HTMLElement>(".extension-root");
  const problem = card.querySelector<HTMLElement>(".extension-error");
  const fail = (message: string) => {
    if (problem) {
      problem.hidden = false;
      problem.textContent = message;
    }
    card.dataset.state = "error";
  };
  if (!root) return;
  if (!block.bundleUrl) {
    fail(block.missing ?? "This extension has no built bundle.");
    return;
  }
  const receiver = new DOMRemoteReceiver({ elements: [...ADMIN_BLOCK_ELEMENTS] });
  receiver.connect(root);
  const navigate = (href: string) => {
    const target = resolveAdminHref(config, href);
    if (target.newTab) window.open(target.url, "_blank", "noopener");
    else window.location.assign(target.url);
  };
  root.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest("s-link[href], s-button[href], s-clickable[href]");
    if (!link) return;
    event.preventDefault();
    navigate(link.getAttribute("href") ?? "");
  });
  root.addEventListener("keydown", (event) => {
    const link = (event.target as Element | null)?.closest("s-link[href]");
    if (link && event.key === "Enter") navigate(link.getAttribute("href") ?? "");
  });

  const worker = new Worker(config.sandboxUrl, { name: `extension ${block.handle}` });
  worker.addEventListener("message", (event: MessageEvent<SandboxMessage>) => {
    const message = event.data;
    try {
      if (message.type === "mutate") receiver.connection.mutate(message.records as Parameters<typeof receiver.connection.mutate>[0]);
      else if (message.type === "rendered") card.dataset.state = "rendered";
      else if (message.type === "error") fail(message.message);
      else if (message.type === "navigate") navigate(message.url);
      else if (message.type === "toast") showToast(message.message, message.isError);
    } catch (error) {
      fail(`The admin could not draw what the extension rendered: ${(error as Error).message}`);
    }
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(`The extension crashed: ${event.message}`);
  });
  const init: SandboxInit = {
    type: "init",
    bundleUrl: new URL(block.bundleUrl, window.location.href).toString(),
    target: block.target,
    selected: config.selected,
    appUrl: config.appUrl,
    sessionTokenUrl: new URL(config.sessionTokenUrl, window.location.href).toString(),
    locale: "en",
  };
  worker.postMessage(init);
}

function main(): void {
  const configElement = document.getElementById("sim-extension-config");
  if (!configElement?.textContent) return;
  const config = JSON.parse(configElement.textContent) as HostConfig;
  defineHostElements();
  for (const block of config.blocks) {
    const card = document.querySelector<HTMLElement>(`[data-extension="${block.handle}"]`);
    if (card) mountBlock(config, block, card);
  }
}

main();
