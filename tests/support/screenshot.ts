/**
 * Looks at the demo's screens: `npx tsx tests/support/screenshot.ts /app/proposals [/app/alerts ...]`
 * while `bash scripts/demo.sh` runs; one full-page PNG per path in test-results/screens/.
 */
import { mkdirSync } from "node:fs";
import { DESKTOP_USER_AGENT, launchChromium } from "./browser";

const admin = process.env.DEMO_ADMIN_URL ?? "http://127.0.0.1:8090/store/tempo-demo/apps/tempo-sop";
const paths = process.argv.slice(2);
mkdirSync("test-results/screens", { recursive: true });
const browser = await launchChromium();
try {
  for (const path of paths.length > 0 ? paths : ["/app"]) {
    const page = await browser.newPage({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(`${admin}${path}`);
    const frame = page.frameLocator("#app-frame");
    await frame.locator(".Polaris-Page").first().waitFor({ state: "visible", timeout: 30_000 });
    await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 1500));
    const file = `test-results/screens/${path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${file}${errors.length ? `  errors: ${errors.join(" | ")}` : ""}`);
    await page.close();
  }
} finally {
  await browser.close();
}
