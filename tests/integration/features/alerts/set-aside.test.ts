import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { getAlertsView, getOpenAlertsSummary } from "~/features/alerts/view.server";
import { setAsideAlerts } from "~/features/alerts/set-aside.server";
import { addDays } from "~/engine/calendar";
import { formatDay } from "~/engine/wording";

let shop: { id: number; domain: string; ianaTimezone: string };
let other: { id: number; domain: string; ianaTimezone: string };
const today = new Date().toISOString().slice(0, 10);
const who = (s: { id: number; domain: string }) => ({ shopId: s.id, shopDomain: s.domain, actor: "staff:9" });
const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};
const alert = (shopId: number, i: number) => ({ shopId, variantId: BigInt(2000 + i), locationId: 1n, kind: "STOCKOUT_RISK" as const, severity: "HIGH" as const, reason: `Alert ${i}`, facts: {}, valueAtRisk: 100 - i });

beforeAll(async () => {
  const make = async (name: string) => {
    const row = await testPrisma.shop.create({ data: { domain: uniqueShopDomain(name), ianaTimezone: "UTC" } });
    return { id: row.id, domain: row.domain, ianaTimezone: "UTC" };
  };
  shop = await make("set-aside");
  other = await make("set-aside-other");
  await testPrisma.alert.createMany({ data: [0, 1, 2, 3].map((i) => alert(shop.id, i)) });
  await testPrisma.alert.createMany({ data: [0].map((i) => alert(other.id, i)) });
});

afterAll(async () => {
  await testPrisma.shop.deleteMany({ where: { id: { in: [shop.id, other.id] } } });
  await testPrisma.$disconnect();
});

const idsOf = async (shopId: number) => (await testPrisma.alert.findMany({ where: { shopId }, orderBy: { id: "asc" } })).map((a) => a.id);
const openReasons = async () => (await getAlertsView(shop.id, new URLSearchParams())).alerts.map((a) => a.reason);

it("snoozes alerts out of the open list, the board's card and its counts until their day, audited", async () => {
  const [a0, a1] = await idsOf(shop.id);
  const outcome = await setAsideAlerts(who(shop), shop, form({ intent: "snooze", id: [String(a0), String(a1)], until: addDays(today, 7) }));
  expect(outcome).toEqual({ ok: true, message: `2 alerts snoozed until ${formatDay(addDays(today, 7), today)}.` });
  expect(await openReasons()).toEqual(["Alert 2", "Alert 3"]);
  expect((await getOpenAlertsSummary(shop.id, 8)).openCount).toBe(2);
  const setAside = await getAlertsView(shop.id, new URLSearchParams("status=set-aside"));
  expect(setAside.alerts.map((a) => [a.reason, a.snoozedUntil?.slice(0, 10)])).toEqual([
    ["Alert 0", addDays(today, 7)],
    ["Alert 1", addDays(today, 7)],
  ]);
  expect(setAside.setAsideCount).toBe(2);
  expect(await testPrisma.auditEvent.count({ where: { shopId: shop.id, entity: "alert", action: "snoozed" } })).toBe(2);

  // Once the day has come, a snoozed alert is open again without anyone touching it.
  await testPrisma.alert.update({ where: { id: a0 }, data: { snoozedUntil: new Date(Date.now() - 1000) } });
  expect(await openReasons()).toEqual(["Alert 0", "Alert 2", "Alert 3"]);
});

it("dismisses with a reason, brings back, and refuses a bad form or another shop's alert without writing", async () => {
  const [, a1, a2] = await idsOf(shop.id);
  expect(await setAsideAlerts(who(shop), shop, form({ intent: "dismiss", id: String(a2), reason: " " }))).toEqual({ ok: false, errors: { reason: "Say why, so the team knows." } });
  expect(await setAsideAlerts(who(shop), shop, form({ intent: "snooze", id: String(a2), until: today }))).toEqual({ ok: false, errors: { until: "Snooze until a day after today." } });
  expect(await setAsideAlerts(who(shop), shop, form({ intent: "snooze", id: String(a2), until: addDays(today, 200) }))).toMatchObject({ ok: false, errors: { until: expect.stringMatching(/at most 90 days/) } });
  expect(await setAsideAlerts(who(shop), shop, form({ intent: "snooze", id: String(a2), until: "soon" }))).toMatchObject({ ok: false });
  expect(await testPrisma.alert.findUniqueOrThrow({ where: { id: a2 } })).toMatchObject({ snoozedUntil: null, dismissedAt: null });

  expect(await setAsideAlerts(who(shop), shop, form({ intent: "dismiss", id: String(a2), reason: "Discontinued style" }))).toEqual({ ok: true, message: "1 alert dismissed." });
  expect(await testPrisma.alert.findUniqueOrThrow({ where: { id: a2 } })).toMatchObject({ dismissReason: "Discontinued style", setAsideBy: "staff:9", status: "OPEN" });
  expect(await openReasons()).not.toContain("Alert 2");

  expect(await setAsideAlerts(who(shop), shop, form({ intent: "restore", id: [String(a1), String(a2)] }))).toEqual({ ok: true, message: "2 alerts back in the open list." });
  expect(await openReasons()).toEqual(["Alert 0", "Alert 1", "Alert 2", "Alert 3"]);

  // Shop B's alert id, posted by shop A: nothing changes.
  const [theirs] = await idsOf(other.id);
  expect(await setAsideAlerts(who(shop), shop, form({ intent: "dismiss", id: String(theirs), reason: "Not ours" }))).toEqual({ ok: false, errors: { form: "None of the selected alerts is open any more: reload." } });
  expect(await testPrisma.alert.findUniqueOrThrow({ where: { id: theirs! } })).toMatchObject({ dismissedAt: null, snoozedUntil: null });
});
