/**
 * The sandbox an admin UI extension runs in, as in Shopify's admin: a Web Worker with no access
 * to the page. A minimal DOM (@remote-dom/core/polyfill) stands in for `document`; what the
 * extension renders into `document.body` goes to the page as Remote DOM mutation records.
 * `globalThis.shopify` is the target's API: `extend`, `data.selected`, `auth.idToken`, i18n,
 * storage, navigation; `fetch` resolves relative URLs against the app's URL and adds the
 * session token, as the admin does. Bundled for the browser by ./bundle.ts.
 */
import "@remote-dom/core/polyfill";
import { RemoteElement, RemoteRootElement, type RemoteConnection } from "@remote-dom/core/elements";
import { ADMIN_BLOCK_ELEMENTS, type SandboxInit, type SandboxMessage } from "./messages";

interface WorkerScope {
  postMessage(message: SandboxMessage): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  fetch: typeof fetch;
}
declare const importScripts: (...urls: string[]) => void;

const scope = globalThis as unknown as WorkerScope;
const post = (message: SandboxMessage) => scope.postMessage(message);

/** Any attribute a component gets reaches the host: Preact sets unknown props as attributes. */
class PolarisElement extends RemoteElement {
  override setAttribute(name: string, value: string): void {
    super.setAttribute(name, value);
    this.updateRemoteAttribute(name, String(value));
  }
  override removeAttribute(name: string): void {
    super.removeAttribute(name);
    this.updateRemoteAttribute(name);
  }
}
for (const tag of ADMIN_BLOCK_ELEMENTS) customElements.define(tag, class extends PolarisElement {});
customElements.define("remote-root", RemoteRootElement);

const connection: RemoteConnection = {
  mutate(records) {
    post({ type: "mutate", records: JSON.parse(JSON.stringify(records)) as unknown[] });
  },
  call(_id, method) {
    throw new Error(`The simulator's admin does not implement element method ${method}()`);
  },
};

function memoryStorage() {
  const values = new Map<string, unknown>();
  return {
    get: async (key: string) => values.get(key),
    getMany: async (keys: string[]) => keys.map((key) => values.get(key)),
    set: async (key: string, value: unknown) => void values.set(key, value),
    setMany: async (entries: Record<string, unknown>) => Object.entries(entries).forEach(([k, v]) => values.set(k, v)),
    delete: async (key: string) => values.delete(key),
    deleteMany: async (keys: string[]) => keys.forEach((key) => values.delete(key)),
    clear: async () => values.clear(),
    entries: async () => [...values.entries()],
  };
}

function start(init: SandboxInit): void {
  const nativeFetch = scope.fetch.bind(globalThis);
  const appOrigin = new URL(init.appUrl).origin;
  const idToken = async (): Promise<string> => {
    const response = await nativeFetch(init.sessionTokenUrl);
    if (!response.ok) throw new Error(`session token request failed: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  };

  scope.fetch = async (input: RequestInfo | URL, requestInit?: RequestInit) => {
    const raw = input instanceof Request ? input.url : String(input);
    const url = new URL(raw, init.appUrl.endsWith("/") ? init.appUrl : `${init.appUrl}/`);
    const headers = new Headers(requestInit?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (url.origin === appOrigin && !headers.has("Authorization")) headers.set("Authorization", `Bearer ${await idToken()}`);
    return nativeFetch(url.toString(), { ...requestInit, headers });
  };

  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const locale = init.locale;
  (globalThis as unknown as { shopify: unknown }).shopify = {
    extension: { target: init.target },
    data: { selected: init.selected },
    auth: { idToken },
    i18n: {
      translate: (key: string) => key,
      formatNumber: (n: number | bigint, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options).format(n),
      formatCurrency: (n: number | bigint, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, { style: "currency", currency: "USD", ...options }).format(n),
      formatDate: (date: Date, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options).format(date),
    },
    intents: {},
    storage: memoryStorage(),
    navigation: { navigate: (url: string | URL) => post({ type: "navigate", url: String(url) }) },
    toast: { show: (message: string, options?: { isError?: boolean }) => post({ type: "toast", message, isError: Boolean(options?.isError) }) },
    query: async () => {
      throw new Error("shopify.query is not served by the simulator's admin yet");
    },
    extend(target: string, handler: (...args: unknown[]) => unknown) {
      handlers.set(target, handler);
    },
    // @shopify/ui-extensions/preact hands over its Signal class; nothing here needs it.
    setSignals() {},
  };

  const root = document.createElement("remote-root") as RemoteRootElement;
  root.connect(connection);
  (document as unknown as { body: Element }).body = root;

  try {
    importScripts(init.bundleUrl);
  } catch (error) {
    post({ type: "error", message: `Loading ${init.bundleUrl} failed: ${(error as Error).message}` });
    return;
  }
  const handler = handlers.get(init.target);
  if (!handler) {
    post({ type: "error", message: `The bundle registered nothing for ${init.target} (shopify.extend was ${handlers.size ? `called for ${[...handlers.keys()].join(", ")}` : "never called"})` });
    return;
  }
  Promise.resolve()
    .then(() => handler())
    .then(
      () => post({ type: "rendered" }),
      (error: unknown) => post({ type: "error", message: `The extension threw: ${(error as Error)?.message ?? String(error)}` }),
    );
}

scope.addEventListener("message", (event) => {
  const data = event.data as SandboxInit | null;
  if (data?.type === "init") start(data);
});
