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

  it("reads CORS_ORIGINS as exact origins, and refuses anything else", () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: " https://billing.example.com, http://localhost:5173 ," }).CORS_ORIGINS).toEqual(["https://billing.example.com", "http://localhost:5173"]);
    expect(loadConfig({ CORS_ORIGINS: "*" }).CORS_ORIGINS).toEqual(["*"]);
    for (const bad of ["https://billing.example.com/", "https://billing.example.com/app", "billing.example.com", "ftp://files.example.com", "https://Billing.example.com", "https://*.example.com"]) {
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS.*is not an origin like https:\/\/app\.example\.com/);
    }
  });

  it("refuses CORS_ORIGINS=* in production, and * mixed with origins", () => {
    expect(() => loadConfig({ NODE_ENV: "production", CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS: "\*" \(any origin\) is refused in production/);
    expect(loadConfig({ NODE_ENV: "production", CORS_ORIGINS: "https://billing.example.com" }).CORS_ORIGINS).toEqual(["https://billing.example.com"]);
    expect(() => loadConfig({ CORS_ORIGINS: "*,https://billing.example.com" })).toThrow(/give it alone/);
  });

  it("reads TRUSTED_DOCUMENTS as a list of manifest paths, with the ADMIN bypass off unless set", () => {
    expect(loadConfig({}).TRUSTED_DOCUMENTS).toBeUndefined();
    expect(loadConfig({}).TRUSTED_DOCUMENTS_ADMIN_BYPASS).toBe(false);
    expect(loadConfig({ TRUSTED_DOCUMENTS: "web/persisted-documents.json, admin/persisted-documents.json", TRUSTED_DOCUMENTS_ADMIN_BYPASS: "true" })).toMatchObject({
      TRUSTED_DOCUMENTS: ["web/persisted-documents.json", "admin/persisted-documents.json"],
      TRUSTED_DOCUMENTS_ADMIN_BYPASS: true,
    });
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: " , " })).toThrow(/TRUSTED_DOCUMENTS: names no manifest file/);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_ADMIN_BYPASS: "yes" })).toThrow(/TRUSTED_DOCUMENTS_ADMIN_BYPASS/);
  });
});

describe("rate notification settings", () => {
  const invalid = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      return (e as Error).message;
    }
    return "accepted";
  };

  it("has no webhook by default, and production-sized retry settings", () => {
    expect(loadConfig({}).NOTIFY_WEBHOOK_URL).toBeUndefined();
    expect(loadConfig({})).toMatchObject({
      NOTIFY_TIMEOUT_MS: 10_000,
      NOTIFY_MAX_ATTEMPTS: 8,
      NOTIFY_BACKOFF_BASE_MS: 30_000,
      NOTIFY_BACKOFF_MAX_MS: 3_600_000,
      NOTIFY_POLL_INTERVAL_MS: 5_000,
    });
  });

  it("needs a secret of at least 16 characters with a webhook URL", () => {
    expect(invalid({ NOTIFY_WEBHOOK_URL: "https://hooks.example/rates" })).toMatch(/NOTIFY_WEBHOOK_SECRET: is required when NOTIFY_WEBHOOK_URL is set/);
    expect(invalid({ NOTIFY_WEBHOOK_URL: "https://hooks.example/rates", NOTIFY_WEBHOOK_SECRET: "short" })).toMatch(/NOTIFY_WEBHOOK_SECRET: must be at least 16/);
    expect(invalid({ NOTIFY_WEBHOOK_URL: "https://hooks.example/rates", NOTIFY_WEBHOOK_SECRET: "s".repeat(16) })).toBe("accepted");
  });

  it("refuses a URL that is not http(s), attempts outside 1..100, and a backoff cap below its base", () => {
    const secret = { NOTIFY_WEBHOOK_SECRET: "s".repeat(16) };
    expect(invalid({ ...secret, NOTIFY_WEBHOOK_URL: "ftp://hooks.example" })).toMatch(/NOTIFY_WEBHOOK_URL: must be an http/);
    expect(invalid({ ...secret, NOTIFY_WEBHOOK_URL: "https://hooks.example/a b" })).toMatch(/NOTIFY_WEBHOOK_URL/);
    expect(invalid({ NOTIFY_MAX_ATTEMPTS: "0" })).toMatch(/NOTIFY_MAX_ATTEMPTS/);
    expect(invalid({ NOTIFY_MAX_ATTEMPTS: "101" })).toMatch(/NOTIFY_MAX_ATTEMPTS/);
    expect(invalid({ NOTIFY_MAX_ATTEMPTS: "100" })).toBe("accepted");
    expect(invalid({ NOTIFY_BACKOFF_BASE_MS: "1000", NOTIFY_BACKOFF_MAX_MS: "999" })).toMatch(/NOTIFY_BACKOFF_MAX_MS: must be at least NOTIFY_BACKOFF_BASE_MS/);
  });
});
