/** The admin page's stylesheet for Polaris web components (light DOM), next to ./host-elements.ts. */

export const HOST_ELEMENT_STYLES = `
  s-admin-block { display: block; }
  s-stack { display: flex; flex-direction: column; gap: 12px; }
  s-stack[direction="inline"] { flex-direction: row; flex-wrap: wrap; align-items: center; }
  s-stack[gap^="small"] { gap: 2px; }
  s-stack[gap="small-300"], s-stack[gap="small"] { gap: 8px; }
  s-stack[gap="none"] { gap: 0; }
  s-stack[gap^="large"] { gap: 20px; }
  s-box, s-section, s-paragraph, s-heading, s-form, s-query-container, s-grid { display: block; }
  s-paragraph { margin: 0; }
  s-heading { font-weight: 650; font-size: 14px; }
  s-text { display: inline; }
  s-text[type="strong"], s-text[fontweight="bold"] { font-weight: 650; }
  s-text[color="subdued"], s-paragraph[color="subdued"] { color: #616161; }
  s-text[tone="critical"], s-paragraph[tone="critical"] { color: #8e1f0b; }
  s-divider { display: block; border-top: 1px solid #e3e3e3; margin: 8px 0; }
  s-link { color: #005bd3; text-decoration: underline; cursor: pointer; font-weight: 550; }
  s-link:focus-visible, s-button:focus-visible { outline: 2px solid #005bd3; outline-offset: 2px; }
  s-button { display: inline-block; padding: 6px 12px; border-radius: 8px; background: #303030; color: #fff; cursor: pointer; }
  s-badge { display: inline-block; padding: 2px 8px; border-radius: 8px; font-size: 12px; font-weight: 550; background: #e3e3e3; color: #303030; white-space: nowrap; }
  s-badge[tone="critical"] { background: #fedad9; color: #8e1f0b; }
  s-badge[tone="warning"], s-badge[tone="caution"] { background: #ffe6a2; color: #5e4200; }
  s-badge[tone="success"] { background: #cdfee1; color: #0c5132; }
  s-badge[tone="info"] { background: #e0f0ff; color: #00527c; }
  s-banner { display: block; padding: 12px; border-radius: 8px; background: #ebf5fa; border: 1px solid #a6d6ef; }
  s-banner[tone="warning"] { background: #fff5ea; border-color: #ffd79d; }
  s-banner[tone="critical"] { background: #fff4f4; border-color: #fd8a8a; }
  s-spinner { display: block; color: #616161; }
  s-spinner::before { content: "Loading…"; }
  s-table { display: table; width: 100%; border-collapse: collapse; }
  s-table-header-row, s-table-row { display: table-row; }
  s-table-body { display: table-row-group; }
  s-table-header, s-table-cell { display: table-cell; padding: 10px 16px 10px 0; text-align: left; vertical-align: top; border-bottom: 1px solid #ebebeb; }
  s-table-header:last-child, s-table-cell:last-child { padding-right: 0; }
  s-table-cell s-badge { align-self: flex-start; }
  s-table-header { font-weight: 600; color: #616161; font-size: 12px; white-space: nowrap; }
  s-table-row:last-child s-table-cell { border-bottom: 0; }
`;
