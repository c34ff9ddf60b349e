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

  it("describe the search index's events", () => {
    expect(describeAuditData("index.retention_changed", { from: 90, to: null, purged: 1234 })).toBe("90 days → off; 1,234 indexed calls deleted");
    expect(describeAuditData("index.retention_changed", { from: null, to: 30, purged: 0 })).toBe("off → 30 days");
    expect(describeAuditData("index.purged", { purged: 2, turnedOff: true })).toBe("2 indexed calls deleted; index turned off");
    expect(auditActionLabel("index.rebuild_requested")).toBe("Search index rebuild requested");
  });

  it("summarise other features' events without dumping nested data", () => {
    expect(describeAuditData("credential.added", { label: "Main", last4: "abcd", status: "OK", nested: { x: 1 }, list: [1, 2] })).toBe("label: Main, last4: abcd, status: OK, list: 2");
    expect(describeAuditData("x", null)).toBe("");
    expect(auditActionLabel("member.left")).toBe("Member left");
    expect(auditActionLabel("something.new")).toBe("something.new");
  });
});
