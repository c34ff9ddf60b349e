import { describe, expect, it } from "vitest";
import { describeAuditData } from "@/lib/audit/describe";
import { auditActionLabel } from "@/lib/audit/labels";

describe("audit log summaries", () => {
  it("describe accounts events in words", () => {
    expect(describeAuditData("member.role_changed", { from: "AGENT", to: "SUPERVISOR", assignmentsCleared: 2 })).toBe("Agent → Supervisor (2 assignments cleared)");
    expect(describeAuditData("member.invited", { email: "a@b.test", role: "ADMIN" })).toBe("as Admin");
    expect(describeAuditData("assignments.changed", { added: [{ assistantId: 101 }], removed: [{ assistantId: 7 }], relabelled: [] })).toBe("added #101; removed #7");
    expect(describeAuditData("team.settings_changed", { changes: { timeZone: { from: "UTC", to: "Europe/Berlin" } } })).toBe("timeZone: UTC → Europe/Berlin");
    expect(describeAuditData("team.created", { slug: "demo", owner: "o@demo.test", timeZone: "Europe/Istanbul" })).toBe("/demo, owner o@demo.test, Europe/Istanbul");
  });

  it("summarise other features' events without dumping nested data", () => {
    expect(describeAuditData("credential.added", { label: "Main", last4: "abcd", status: "OK", nested: { x: 1 }, list: [1, 2] })).toBe("label: Main, last4: abcd, status: OK, list: 2");
    expect(describeAuditData("x", null)).toBe("");
    expect(auditActionLabel("member.left")).toBe("Member left");
    expect(auditActionLabel("something.new")).toBe("something.new");
  });
});
