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
    // The app scrolls inside the admin's frame: tall pages are also shot scrolled, part by part.
    const appFrame = page.frames().find((candidate) => candidate.name() === "app-frame" || candidate.url().includes("embedded=1"));
    const parts: string[] = [];
    if (appFrame) {
      const [scrollHeight, viewHeight] = await appFrame.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight]);
      for (let y = viewHeight, part = 2; y < scrollHeight; y += viewHeight - 100, part++) {
        await appFrame.evaluate((top) => window.scrollTo(0, top), y - 100);
        await page.waitForTimeout(300);
        const partFile = file.replace(/\.png$/, `-${part}.png`);
        await page.screenshot({ path: partFile });
        parts.push(partFile);
      }
    }
    console.log(`${file}${parts.length ? ` (+${parts.length} parts)` : ""}${errors.length ? `  errors: ${errors.join(" | ")}` : ""}`);
    await page.close();
  }
} finally {
  await browser.close();
}
