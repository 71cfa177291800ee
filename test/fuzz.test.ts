import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGatewaySchema } from "../src/schema/build.js";
import { seedFuzzFixtures } from "./support/fuzz/fixtures.js";
import { fuzz, pick, summarize } from "./support/fuzz/run.js";
import type { Fixtures } from "./support/fuzz/values.js";
import { walkTargets } from "./support/fuzz/walk.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

/**
 * Issue 11: nothing a client sends is a server fault. Every argument of every query and mutation of the
 * schema the server builds, nested input fields included, gets a battery of hostile values while the other
 * arguments stay valid; see test/support/fuzz/ for the values and what each answer must look like.
 */
const schema = buildGatewaySchema();
const database = process.env.DATABASE_URL ? "Postgres" : "PGlite";

describe(`schema-driven fuzz (${database})`, () => {
  let gw: TestGateway;
  let fixtures: Fixtures;
  beforeAll(async () => {
    gw = await startTestGateway();
    fixtures = await seedFuzzFixtures(gw);
  });
  afterAll(() => gw?.stop());

  it("walks every argument and input field of every query and mutation", () => {
    const targets = walkTargets(schema);
    const operations = [schema.getQueryType()!, schema.getMutationType()!].flatMap((root) => Object.values(root.getFields()));
    const withArgs = operations.filter((op) => op.args.length > 0).map((op) => op.name);
    expect(new Set(targets.map((t) => t.operation.name))).toEqual(new Set(withArgs));
    // Spot checks that nesting is followed: an input object's field, a list item's field.
    const paths = targets.map((t) => `${t.operation.name}:${t.path.join(".")}`);
    expect(paths).toContain("accountCreate:input.identification.ips");
    expect(paths).toContain("codesImport:input.codes.0.code");
    expect(paths).toContain("rateQuotes:inputs.0.dstNumber");
  });

  it(
    "answers every hostile value with a 4xx or a userError naming it, and writes nothing when it refuses",
    async () => {
      const { failures, requests } = await fuzz(gw, schema, fixtures, { literals: 2 });
      // Every failure, ungrouped, for whoever fixes them: FUZZ_REPORT=/tmp/fuzz.json npx vitest run test/fuzz.test.ts
      if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(failures, null, 1));
      expect(requests).toBeGreaterThan(1000);
      expect(failures.length, `${failures.length} of ${requests} fuzz requests failed:\n${summarize(failures)}`).toBe(0);
    },
    600_000,
  );
});

describe(`schema-driven fuzz in production mode (${database})`, () => {
  let gw: TestGateway;
  let fixtures: Fixtures;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { NODE_ENV: "production" } });
    fixtures = await seedFuzzFixtures(gw);
  });
  afterAll(() => gw?.stop());

  it(
    "leaks no SQL, stack or internal message for a sample of every operation",
    async () => {
      const { failures, requests } = await fuzz(gw, schema, fixtures, { leaks: true, literals: 1, select: (cases) => pick(cases, 6, cases[0]!.target.operation.name) });
      expect(requests).toBeGreaterThan(300);
      expect(failures.length, `${failures.length} of ${requests} production fuzz requests failed:\n${summarize(failures)}`).toBe(0);
    },
    300_000,
  );
});
