/**
 * The open-to-buy cut: when a month's proposed lines cost more than its budget, keep the lines
 * that protect the most gross margin at risk per unit of money spent (the greedy answer to
 * the knapsack problem, which is within one line of the best), and say of every cut line why.
 * A month is the month of the line's order-by date. Lines without a cost cannot be budgeted;
 * they are kept and say so.
 */
import { formatMonth } from "~/engine/wording";

export interface BudgetedLine {
  key: string;
  orderByDate: string;
  lineCost: number | null;
  marginAtRisk: number;
}

export interface BudgetDecision {
  key: string;
  cut: boolean;
  reason: string | null;
}

export interface MonthBudget {
  month: string;
  budget: number;
  proposed: number;
  kept: number;
  cutLines: number;
}

/** Formats money in the core's reasons; the UI formats in the shop's locale. */
export type MoneyFormat = (amount: number) => string;

const monthOf = (date: string): string => date.slice(0, 7);

export function applyOpenToBuy(
  lines: readonly BudgetedLine[],
  budgetByMonth: Readonly<Record<string, number>>,
  formatMoney: MoneyFormat = (amount) => amount.toFixed(2),
): { decisions: BudgetDecision[]; months: MonthBudget[] } {
  const decisions = new Map<string, BudgetDecision>();
  const months: MonthBudget[] = [];
  const byMonth = new Map<string, BudgetedLine[]>();
  for (const line of lines) {
    const month = monthOf(line.orderByDate);
    const members = byMonth.get(month);
    if (members) members.push(line);
    else byMonth.set(month, [line]);
  }
  for (const [month, members] of [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const budget = budgetByMonth[month];
    const costed = members.filter((line) => line.lineCost !== null && line.lineCost > 0);
    for (const line of members) {
      if (line.lineCost === null) decisions.set(line.key, { key: line.key, cut: false, reason: "No unit cost, so it is not counted against the open-to-buy budget." });
      else decisions.set(line.key, { key: line.key, cut: false, reason: null });
    }
    const proposed = costed.reduce((a, line) => a + line.lineCost!, 0);
    if (budget === undefined || proposed <= budget) {
      months.push({ month, budget: budget ?? Infinity, proposed, kept: proposed, cutLines: 0 });
      continue;
    }
    const ranked = [...costed].sort((a, b) => b.marginAtRisk / b.lineCost! - a.marginAtRisk / a.lineCost! || b.marginAtRisk - a.marginAtRisk || a.key.localeCompare(b.key));
    let spent = 0;
    let cutLines = 0;
    let lowestKeptRatio = Infinity;
    const cut: BudgetedLine[] = [];
    for (const line of ranked) {
      if (spent + line.lineCost! <= budget + 1e-9) {
        spent += line.lineCost!;
        lowestKeptRatio = Math.min(lowestKeptRatio, line.marginAtRisk / line.lineCost!);
      } else {
        cut.push(line);
      }
    }
    const monthLabel = formatMonth(month);
    for (const line of cut) {
      cutLines++;
      const ratio = line.marginAtRisk / line.lineCost!;
      const because =
        line.marginAtRisk <= 0
          ? "it protects no margin at risk in the horizon"
          : `it protects ${formatMoney(ratio)} of margin per ${formatMoney(1)} spent${Number.isFinite(lowestKeptRatio) ? `, less than the kept lines (at least ${formatMoney(lowestKeptRatio)})` : ""}`;
      decisions.set(line.key, {
        key: line.key,
        cut: true,
        reason: `Cut by the ${monthLabel} open-to-buy of ${formatMoney(budget)}: ${formatMoney(proposed)} was proposed and ${because}.`,
      });
    }
    months.push({ month, budget, proposed, kept: spent, cutLines });
  }
  return { decisions: lines.map((line) => decisions.get(line.key)!), months };
}

