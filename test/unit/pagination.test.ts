import { describe, expect, it } from "vitest";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { decodeCursor, encodeCursor, pageSize, containsPattern, type KeysetOrder } from "../../src/pagination.js";

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
    expect(decodeCursor(cursor, "name", "after")).toEqual(["Zürich ✓", 42]);
  });

  it("are refused for another ordering, when garbled, or when forged with a bad id", () => {
    const cursor = encodeCursor(byName, { id: 1, name: "a" });
    expect(() => decodeCursor(cursor, "createdAt", "after")).toThrow(/not a cursor/);
    expect(() => decodeCursor("%%%", "name", "after")).toThrow(/not a cursor/);
    const forged = Buffer.from(JSON.stringify(["name", "a", "1; drop table"])).toString("base64url");
    expect(() => decodeCursor(forged, "name", "before")).toThrow(/`before`/);
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
