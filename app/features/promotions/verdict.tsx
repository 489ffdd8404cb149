import { Badge } from "@shopify/polaris";

export type Verdict = "supportable" | "at_risk" | "not_supportable";

const TONE = { supportable: "success", at_risk: "warning", not_supportable: "critical" } as const;
const LABEL: Record<Verdict, string> = { supportable: "Supportable", at_risk: "At risk", not_supportable: "Not supportable" };

export function VerdictBadge({ verdict }: { verdict: string | null }) {
  if (verdict !== "supportable" && verdict !== "at_risk" && verdict !== "not_supportable") return <Badge>Not checked</Badge>;
  return <Badge tone={TONE[verdict]}>{LABEL[verdict]}</Badge>;
}

export const VERDICT_COLOR: Record<Verdict | "none", string> = { supportable: "#29845a", at_risk: "#b28400", not_supportable: "#e51c00", none: "#8a8a8a" };
