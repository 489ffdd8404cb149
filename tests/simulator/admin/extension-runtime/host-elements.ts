/**
 * How the simulator's admin draws Polaris web components: small custom elements (roles, a
 * heading from an attribute) plus the stylesheet in ./host-styles.ts. Good enough to read
 * and to click, not a copy of Polaris.
 */

const ROLES: Record<string, string> = {
  "s-link": "link",
  "s-button": "button",
  "s-clickable": "button",
  "s-table": "table",
  "s-table-header-row": "row",
  "s-table-row": "row",
  "s-table-header": "columnheader",
  "s-table-cell": "cell",
  "s-table-body": "rowgroup",
  "s-spinner": "progressbar",
  "s-badge": "status",
};

class RoleElement extends HTMLElement {
  connectedCallback(): void {
    const role = ROLES[this.localName];
    if (role && !this.hasAttribute("role")) this.setAttribute("role", role);
    if ((role === "link" || role === "button") && !this.hasAttribute("tabindex")) this.tabIndex = 0;
    const label = this.getAttribute("accessibilitylabel");
    if (label) this.setAttribute("aria-label", label);
  }
}

/** A card or banner whose `heading` attribute becomes a real heading above its content. */
function headedElement(level: "h2" | "h3", styles: string) {
  return class extends HTMLElement {
    static get observedAttributes(): string[] {
      return ["heading", "tone"];
    }
    private heading: HTMLElement;
    constructor() {
      super();
      const shadow = this.attachShadow({ mode: "open" });
      shadow.innerHTML = `<style>${styles}</style><${level} part="heading"></${level}><div part="body"><slot></slot></div>`;
      this.heading = shadow.querySelector(level) as HTMLElement;
    }
    attributeChangedCallback(): void {
      const text = this.getAttribute("heading") ?? "";
      this.heading.textContent = text;
      this.heading.hidden = text === "";
    }
  };
}

export function defineHostElements(): void {
  const define = (tag: string, element: CustomElementConstructor) => {
    if (!customElements.get(tag)) customElements.define(tag, element);
  };
  define("s-admin-block", headedElement("h2", "h2{font-size:14px;font-weight:650;margin:0 0 12px}"));
  define("s-banner", headedElement("h3", "h3{font-size:13px;font-weight:650;margin:0 0 4px}"));
  for (const tag of Object.keys(ROLES)) define(tag, class extends RoleElement {});
}
