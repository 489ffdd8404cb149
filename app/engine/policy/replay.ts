/**
 * Replays held-back demand through a periodic-review policy. Each review (every R periods) sees
 * the inventory position (net stock plus everything on order) and orders up to S: under the
 * order-up-to rule whenever the position is below S, under the reorder-point rule only when it is
 * at or below s. Orders arrive L periods later; demand not met is backordered, so the cycle after
 * an order (periods k+L … k+L+R−1) ends without a stockout exactly when demand over those L + R
 * periods stays within S: the cycle service level the policy targets.
 * The replay starts with S on hand and nothing on order, so the first L periods are warm-up: stock,
 * fill and stockouts are measured from period L on, each cycle counted when it ends inside the test.
 */
export type OrderRule = "order_up_to" | "reorder_point";

export interface Levels {
  reorderPoint: number;
  orderUpTo: number;
}

export interface ReplayResult {
  cycles: number;
  cyclesWithoutStockout: number;
  demand: number;
  filled: number;
  /** Σ end-of-period on-hand over the measured periods */
  stockHeld: number;
  periods: number;
  stockoutPeriods: number;
  orders: number;
}

export function replay(demand: readonly number[], levelsAt: (period: number) => Levels, leadPeriods: number, reviewPeriods: number, rule: OrderRule): ReplayResult {
  const horizon = demand.length;
  const arrivals = new Array<number>(horizon + leadPeriods + 1).fill(0);
  let net = levelsAt(0).orderUpTo;
  let onOrder = 0;
  const result: ReplayResult = { cycles: 0, cyclesWithoutStockout: 0, demand: 0, filled: 0, stockHeld: 0, periods: 0, stockoutPeriods: 0, orders: 0 };
  const netAtEnd: number[] = [];
  for (let k = 0; k < horizon; k++) {
    net += arrivals[k]!;
    onOrder -= arrivals[k]!;
    if (k % reviewPeriods === 0) {
      const { reorderPoint, orderUpTo } = levelsAt(k);
      const position = net + onOrder;
      const due = rule === "order_up_to" ? position < orderUpTo : position <= reorderPoint;
      if (due && orderUpTo > position) {
        arrivals[k + leadPeriods]! += orderUpTo - position;
        onOrder += orderUpTo - position;
        result.orders++;
      }
    }
    const wanted = demand[k]!;
    const available = Math.max(0, net);
    net -= wanted;
    netAtEnd.push(net);
    if (k >= leadPeriods) {
      result.periods++;
      result.demand += wanted;
      result.filled += Math.min(wanted, available);
      result.stockHeld += Math.max(0, net);
      if (net < 0) result.stockoutPeriods++;
    }
  }
  for (let k = 0; k + leadPeriods + reviewPeriods - 1 < horizon; k += reviewPeriods) {
    result.cycles++;
    if (netAtEnd[k + leadPeriods + reviewPeriods - 1]! >= 0) result.cyclesWithoutStockout++;
  }
  return result;
}

export function addReplays(total: ReplayResult, part: ReplayResult): void {
  for (const key of Object.keys(total) as (keyof ReplayResult)[]) total[key] += part[key];
}

export function emptyReplay(): ReplayResult {
  return { cycles: 0, cyclesWithoutStockout: 0, demand: 0, filled: 0, stockHeld: 0, periods: 0, stockoutPeriods: 0, orders: 0 };
}
