import { readFileSync } from "node:fs";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { printGatewaySchema } from "../src/schema/build.js";

describe("schema.graphql", () => {
  it("matches what the resolvers emit (run `npm run schema` after changing them)", () => {
    expect(readFileSync("schema.graphql", "utf8")).toBe(printGatewaySchema());
  });

  it("describes every type, field, argument and enum value, since Sandbox and codegen users read them", () => {
    const schema = buildSchema(readFileSync("schema.graphql", "utf8"));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (!type.description) missing.push(type.name);
      if ("getFields" in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if ("getValues" in type) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
