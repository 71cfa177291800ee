import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("loadConfig", () => {
  it("runs with no environment at all: embedded database in .data, port 4000", () => {
    expect(loadConfig({})).toMatchObject({ PORT: 4000, DATA_DIR: ".data", NODE_ENV: "development" });
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it("treats empty variables as unset", () => {
    const config = loadConfig({ DATABASE_URL: "", PORT: "" });
    expect(config.PORT).toBe(4000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable and why", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).toMatch(/LOG_LEVEL/);
  });
});
