import { describe, expect, it } from "vitest";
import { CHANNEL_MIX_PRIOR_UNITS, channelReaches, channelShareOf, POINT_OF_SALE } from "~/engine/promotions/planned-promotions";

describe("channelShareOf", () => {
  const shop = { channel: 100, online: 1000 };

  it("reads a variant with plenty of sales from its own mix, nearly", () => {
    // 300 of 1000 online units on the channel, with the shop's 10% worth 20 units.
    expect(channelShareOf({ channel: 300, online: 1000 }, shop)).toBeCloseTo((300 + CHANNEL_MIX_PRIOR_UNITS * 0.1) / (1000 + CHANNEL_MIX_PRIOR_UNITS), 12);
  });

  it("leans on the shop's mix for a variant that sold little, and takes it whole for one that never sold", () => {
    expect(channelShareOf({ channel: 2, online: 2 }, shop)).toBeCloseTo((2 + 2) / 22, 12);
    expect(channelShareOf(undefined, shop)).toBeCloseTo(0.1, 12);
  });

  it("reaches all online demand when the shop has no online sales to tell", () => {
    expect(channelShareOf(undefined, { channel: 0, online: 0 })).toBe(1);
  });
});

describe("channelReaches", () => {
  it("sends the stores' channel to stores and every other channel to where online orders ship", () => {
    expect(channelReaches(POINT_OF_SALE, { fulfillsOnlineOrders: false })).toBe(true);
    expect(channelReaches(POINT_OF_SALE, { fulfillsOnlineOrders: true })).toBe(false);
    expect(channelReaches("Instagram", { fulfillsOnlineOrders: true })).toBe(true);
    expect(channelReaches("Instagram", { fulfillsOnlineOrders: false })).toBe(false);
    expect(channelReaches(null, { fulfillsOnlineOrders: false })).toBe(true);
  });
});
