import { describe, expect, it } from "vitest";
import { auditRecordOf, isComplianceTopic } from "~/features/privacy/compliance-payload";

describe("compliance webhook helpers", () => {
  it("recognises exactly the three privacy topics", () => {
    expect(["CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT", "SHOP_REDACT"].every(isComplianceTopic)).toBe(true);
    expect(isComplianceTopic("ORDERS_CREATE")).toBe(false);
    expect(isComplianceTopic("constructor")).toBe(false);
    expect(isComplianceTopic("toString")).toBe(false);
  });

  it("keeps ids and drops the customer's contact details", () => {
    const record = auditRecordOf({
      shop_id: 954889,
      customer: { id: 191167, email: "john@example.com", phone: "555-625-1199" } as { id: number },
      orders_requested: [299938, 280263],
      data_request: { id: 9999 },
    });
    expect(record).toEqual({
      shopId: "954889",
      customerId: "191167",
      ordersRequested: ["299938", "280263"],
      ordersToRedact: undefined,
      dataRequestId: "9999",
    });
    expect(JSON.stringify(record)).not.toMatch(/example\.com|555/);
  });
});
