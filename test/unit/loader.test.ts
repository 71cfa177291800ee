import { describe, expect, it } from "vitest";
import { Loader } from "../../src/loading/loader.js";

/** A loader of squares that records each batch it is asked for. */
function squares() {
  const batches: number[][] = [];
  const loader = new Loader<number, number>(async (keys) => {
    batches.push([...keys]);
    return keys.map((k) => k * k);
  });
  return { loader, batches };
}

describe("Loader", () => {
  it("answers a primed key at once, and a key it has not seen as a batched promise", async () => {
    const { loader, batches } = squares();
    loader.prime(3, 10);
    expect(loader.now(3)).toBe(10);
    const pending = [loader.now(4), loader.now(5)];
    expect(pending[0]).toBeInstanceOf(Promise);
    expect(await Promise.all(pending)).toEqual([16, 25]);
    expect(batches).toEqual([[4, 5]]);
    expect(loader.now(4)).toBe(16);
  });

  it("keeps what a key was first given, as DataLoader does, also for a load still under way", async () => {
    const { loader } = squares();
    const pending = loader.now(6);
    loader.prime(6, -1);
    expect(loader.now(6)).toBeInstanceOf(Promise);
    expect(await loader.now(6)).toBe(36);
    expect(await pending).toBe(36);
    loader.prime(6, -2);
    expect(loader.now(6)).toBe(36);
  });

  it("forgets what is cleared", async () => {
    const { loader, batches } = squares();
    loader.prime(2, 5);
    loader.clear(2);
    expect(await loader.now(2)).toBe(4);
    loader.clearAll();
    const again = loader.now(2);
    expect(again).toBeInstanceOf(Promise);
    expect(await again).toBe(4);
    expect(batches).toEqual([[2], [2]]);
  });
});
