import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { lazyLoaderSets } from "../../src/context.js";

const db = {} as Db;

/** Two groups of fake loaders, counting how often each group is made (once at setup to learn the names). */
function groups() {
  const made = { a: 0, b: 0 };
  const a = () => {
    made.a += 1;
    return { first: { group: "a", n: made.a }, second: { group: "a", n: made.a } };
  };
  const b = () => {
    made.b += 1;
    return { third: { group: "b", n: made.b } };
  };
  return { made, groups: [a, b] };
}

type Sets = { first: { n: number }; second: { n: number }; third: { n: number } };

describe("lazyLoaderSets (per-request loaders made on first use)", () => {
  it("makes no group until one of its loaders is asked for, then the whole group once", () => {
    const { made, groups: g } = groups();
    const next = lazyLoaderSets<Sets>(db, g);
    expect(made).toEqual({ a: 1, b: 1 });
    const loaders = next();
    expect(made).toEqual({ a: 1, b: 1 });
    const first = loaders.first;
    expect(made).toEqual({ a: 2, b: 1 });
    expect(loaders.first).toBe(first);
    expect(loaders.second.n).toBe(first.n);
    expect(made).toEqual({ a: 2, b: 1 });
  });

  it("gives every request loaders of its own", () => {
    const { groups: g } = groups();
    const next = lazyLoaderSets<Sets>(db, g);
    const one = next();
    const two = next();
    expect(one.third).not.toBe(two.third);
    expect(one.first).toBe(one.first);
    expect(two.first).not.toBe(one.first);
  });
});
