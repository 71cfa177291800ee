import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { loadManifests } from "../../src/graphql/trusted-documents.js";

const dir = mkdtempSync(join(tmpdir(), "manifests-"));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("loadManifests", () => {
  it("merges the client preset's persisted-documents.json files, ids with or without the sha256: prefix", () => {
    const web = file("web.json", JSON.stringify({ "sha256:a1": "query A { __typename }", "sha256:b2": "query B { __typename }" }));
    const admin = file("admin.json", JSON.stringify({ b2: "query B { __typename }", c3: "mutation C { __typename }" }));
    expect([...loadManifests([web, admin]).keys()]).toEqual(["a1", "b2", "c3"]);
  });

  it.each([
    ["a missing file", () => join(dir, "nope.json"), /cannot read .*nope\.json: ENOENT/],
    ["malformed JSON", () => file("broken.json", "{ not json"), /cannot read .*broken\.json: .*JSON/],
    ["an empty manifest", () => file("empty.json", "{}"), /empty\.json is not a persisted-documents manifest/],
    ["an array", () => file("array.json", '["query A { __typename }"]'), /array\.json is not a persisted-documents manifest/],
    ["a document that is not a string", () => file("number.json", '{"a1": 1}'), /number\.json is not a persisted-documents manifest/],
    ["a blank document", () => file("blank.json", '{"a1": "  "}'), /blank\.json is not a persisted-documents manifest/],
  ])("stops the start on %s, naming the file", (_case, path, message) => {
    expect(() => loadManifests([path()])).toThrow(ConfigError);
    expect(() => loadManifests([path()])).toThrow(message);
  });

  it("refuses two manifests that give one id different documents", () => {
    const one = file("one.json", JSON.stringify({ same: "query A { __typename }" }));
    const two = file("two.json", JSON.stringify({ "sha256:same": "query B { __typename }" }));
    expect(() => loadManifests([one, two])).toThrow(/two\.json gives document sha256:same another text than an earlier manifest/);
  });
});
