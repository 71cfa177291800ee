import { describe, expect, it } from "vitest";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { decodeCursor, encodeCursor, pageSize, containsPattern, type KeysetOrder } from "../../src/loading/keyset-pagination.js";

const t = pgTable("t", { id: integer("id"), name: text("name") });
const byName: KeysetOrder<{ id: number; name: string }> = {
  name: "name",
  direction: "ASC",
  id: t.id,
  key: { column: t.name, pgType: "text", read: (row) => row.name },
};

describe("cursors", () => {
  it("round-trip the sort key and id", () => {
    const cursor = encodeCursor(byName, { id: 42, name: "Zürich ✓" });
    expect(decodeCursor(cursor, byName, "after")).toEqual(["Zürich ✓", 42]);
  });

  it("are refused when forged with a sort key its column cannot take", () => {
    const forge = (order: string, key: unknown) => Buffer.from(JSON.stringify([order, key, 1])).toString("base64url");
    const byTime = { ...byName, name: "createdAt", key: { ...byName.key!, pgType: "timestamptz" as const } };
    const byAmount = { ...byName, name: "amount", key: { ...byName.key!, pgType: "numeric" as const } };
    for (const key of ["a\u0000b", "\ud800", null, 5]) expect(() => decodeCursor(forge("name", key), byName, "after")).toThrow(/not a cursor/);
    for (const key of ["yesterday", "2026-13-45T00:00:00Z", "0000-01-01T00:00:00.000Z", "2020-02-30T00:00:00.000Z", "2026-01-02T03:04:05Z", 0]) expect(() => decodeCursor(forge("createdAt", key), byTime, "after")).toThrow(/not a cursor/);
    for (const key of ["NaN", "1e5", " 1"]) expect(() => decodeCursor(forge("amount", key), byAmount, "after")).toThrow(/not a cursor/);
    expect(decodeCursor(forge("createdAt", "2026-01-02T03:04:05.678Z"), byTime, "after")).toEqual(["2026-01-02T03:04:05.678Z", 1]);
    expect(decodeCursor(forge("amount", "-12.5"), byAmount, "after")).toEqual(["-12.5", 1]);
  });

  it("are refused for another ordering, when garbled, or when forged with a bad id", () => {
    const cursor = encodeCursor(byName, { id: 1, name: "a" });
    expect(() => decodeCursor(cursor, { ...byName, name: "createdAt" }, "after")).toThrow(/not a cursor/);
    expect(() => decodeCursor("%%%", byName, "after")).toThrow(/not a cursor/);
    const forged = Buffer.from(JSON.stringify(["name", "a", "1; drop table"])).toString("base64url");
    expect(() => decodeCursor(forged, byName, "before")).toThrow(/`before`/);
  });
});

describe("page size", () => {
  it("defaults to 20 forward, and reads last as backward", () => {
    expect(pageSize({})).toEqual({ size: 20, backward: false });
    expect(pageSize({ last: 5 })).toEqual({ size: 5, backward: true });
    expect(pageSize({ first: 0 })).toEqual({ size: 0, backward: false });
    expect(pageSize({ first: 100 })).toEqual({ size: 100, backward: false });
  });

  it("refuses more than 100, negatives, and first with last", () => {
    expect(() => pageSize({ first: 101 })).toThrow(/between 0 and 100/);
    expect(() => pageSize({ last: -1 })).toThrow(/`last`/);
    expect(() => pageSize({ first: 1, last: 1 })).toThrow(/not both/);
  });
});

describe("containsPattern", () => {
  it("escapes LIKE wildcards so they match literally", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
