import { describe, expect, it } from "vitest";
import { levelKey, settleLevelDeliveries, type LevelDelivery, type LevelState } from "~/sync/level-sequence";

const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 12, 0, second));
const delivery = (available: number, second: number | null, item = 1n): LevelDelivery => ({
  inventoryItemId: item,
  locationId: 9n,
  available,
  version: second === null ? null : at(second),
});
const stored = (entries: [bigint, LevelState][]) => new Map(entries.map(([item, state]) => [levelKey({ inventoryItemId: item, locationId: 9n }), state]));

describe("stock level deliveries applied together", () => {
  it("keeps every change in order and ends on the newest", () => {
    const { finals, observations } = settleLevelDeliveries(stored([[1n, { available: 5, version: at(0) }]]), [delivery(4, 1), delivery(0, 2), delivery(3, 3)]);
    expect(observations.map((o) => o.available)).toEqual([4, 0, 3]);
    expect(finals.get("1@9")).toMatchObject({ available: 3, version: at(3) });
  });

  it("ignores an older delivery that arrives late, as the guarded upsert does", () => {
    const { finals, observations } = settleLevelDeliveries(stored([[1n, { available: 5, version: at(0) }]]), [delivery(0, 2), delivery(7, 1)]);
    expect(observations.map((o) => o.available)).toEqual([0]);
    expect(finals.get("1@9")?.available).toBe(0);
  });

  it("records a new level even at an equal figure, and no observation for a same-version repeat", () => {
    const first = settleLevelDeliveries(new Map(), [delivery(2, 1, 2n)]);
    expect(first.observations).toHaveLength(1);
    const repeat = settleLevelDeliveries(stored([[1n, { available: 2, version: at(1) }]]), [delivery(3, 1)]);
    // Same second: the row takes the later delivery, but history only records strictly newer figures.
    expect(repeat.observations).toHaveLength(0);
    expect(repeat.finals.get("1@9")?.available).toBe(3);
  });

  it("keeps a disconnected level out unless a delivery is newer than the disconnect", () => {
    const gone = stored([[1n, { available: 0, version: at(5), gone: true }]]);
    expect(settleLevelDeliveries(gone, [delivery(4, 3), delivery(4, 5)])).toMatchObject({ observations: [], finals: new Map() });
    const back = settleLevelDeliveries(gone, [delivery(4, 3), delivery(6, 6)]);
    expect(back.observations.map((o) => o.available)).toEqual([6]);
    expect(back.finals.get("1@9")?.available).toBe(6);
  });

  it("keeps keys apart", () => {
    const { finals, observations } = settleLevelDeliveries(new Map(), [delivery(1, 1, 1n), delivery(2, 1, 2n), delivery(0, 2, 1n)]);
    expect(observations).toHaveLength(3);
    expect([...finals.keys()].sort()).toEqual(["1@9", "2@9"]);
    expect(finals.get("1@9")?.available).toBe(0);
  });
});
