/**
 * The picture Polaris's EmptyState requires, inline: Shopify's CDN illustrations do not load
 * offline, and an empty `image` leaves Polaris's grey loading circle over the heading for good.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120">
<rect x="30" y="14" width="100" height="92" rx="10" fill="#f1f2f4" stroke="#d4d6d9" stroke-width="2"/>
<rect x="46" y="34" width="14" height="10" rx="3" fill="#c9cccf"/><rect x="68" y="36" width="46" height="6" rx="3" fill="#dfe1e3"/>
<rect x="46" y="54" width="14" height="10" rx="3" fill="#c9cccf"/><rect x="68" y="56" width="38" height="6" rx="3" fill="#dfe1e3"/>
<rect x="46" y="74" width="14" height="10" rx="3" fill="#c9cccf"/><rect x="68" y="76" width="42" height="6" rx="3" fill="#dfe1e3"/>
</svg>`;

export const EMPTY_LIST_IMAGE = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(SVG)}`;
