/**
 * The picture every empty state shows: a plain outlined box in Polaris greys, inline so it
 * loads with the page (no CDN offline) and never shows as a broken image.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="160" viewBox="0 0 226 160" fill="none">
<rect x="48" y="44" width="130" height="92" rx="10" fill="#F1F1F1" stroke="#B5B5B5" stroke-width="2"/>
<path d="M48 70h130" stroke="#B5B5B5" stroke-width="2"/>
<path d="M82 44l8-20h46l8 20" stroke="#B5B5B5" stroke-width="2" stroke-linejoin="round"/>
<rect x="94" y="86" width="38" height="8" rx="4" fill="#CCCCCC"/>
<rect x="80" y="104" width="66" height="8" rx="4" fill="#E3E3E3"/>
</svg>`;

export const EMPTY_STATE_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
