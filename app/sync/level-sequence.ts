/**
 * Stock level deliveries applied together, as if one by one. Each delivery carries
 * `available` and a version (updated_at, refined by the trigger time); one by one,
 * a delivery not older than the stored level replaces it, and one that is new, or
 * strictly newer with a different figure, is an observation of stock history. A
 * disconnected level comes back only with a delivery strictly newer than the disconnect.
 */

export interface LevelState {
  available: number;
  version: Date | null;
  /** Disconnected: no level, the version is the disconnect's (a tombstone). */
  gone?: boolean;
}

export interface LevelDelivery {
  inventoryItemId: bigint;
  locationId: bigint;
  available: number;
  version: Date | null;
}

export const levelKey = (level: { inventoryItemId: bigint; locationId: bigint }) => `${level.inventoryItemId}@${level.locationId}`;

const notOlder = (stored: Date | null, incoming: Date | null) => stored === null || incoming === null || stored.getTime() <= incoming.getTime();
const newer = (stored: Date | null, incoming: Date | null) => stored === null || incoming === null || stored.getTime() < incoming.getTime();

/**
 * `stored` holds the levels as they are now (keys missing: no level yet). Returns the
 * level each key ends with (only keys whose row changes) and the observations in delivery order.
 */
export function settleLevelDeliveries(
  stored: ReadonlyMap<string, LevelState>,
  deliveries: readonly LevelDelivery[],
): { finals: Map<string, LevelDelivery>; observations: LevelDelivery[] } {
  const state = new Map(stored);
  const finals = new Map<string, LevelDelivery>();
  const observations: LevelDelivery[] = [];
  for (const delivery of deliveries) {
    const key = levelKey(delivery);
    const current = state.get(key);
    if (current?.gone) {
      if (!newer(current.version, delivery.version)) continue;
      observations.push(delivery);
    } else if (!current || (current.available !== delivery.available && newer(current.version, delivery.version))) {
      observations.push(delivery);
    }
    if (!current || current.gone || notOlder(current.version, delivery.version)) {
      state.set(key, { available: delivery.available, version: delivery.version });
      finals.set(key, delivery);
    }
  }
  return { finals, observations };
}
