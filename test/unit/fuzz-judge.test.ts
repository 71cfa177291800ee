import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { judge, parseJson, summarize, type FuzzCase } from "../support/fuzz/run.js";
import type { Verdict } from "../support/fuzz/values.js";
import { walkTargets } from "../support/fuzz/walk.js";

/** The fuzz suite's verdicts, on hand-made answers: the checks themselves must be able to fail. */
const schema = buildSchema(`
  type Query { item(id: ID!): String }
  type Mutation { thingCreate(input: ThingInput!): ThingPayload! }
  input ThingInput { name: String! tags: [String!] }
  type ThingPayload { userErrors: [UserError!]! }
  type UserError { field: [String!] code: String! message: String! }
`);
const targets = walkTargets(schema);
const at = (path: string, verdict: Verdict = "refuse", literal = false): FuzzCase => ({
  label: "x",
  value: "x",
  verdict,
  literal,
  target: targets.find((t) => t.path.join(".") === path)!,
});
const answer = (status: number, body: unknown) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, body: text, json: parseJson(text) };
};
const problems = (c: FuzzCase, a: ReturnType<typeof answer>, span?: [number, number], leaks = false) => judge(c, a, span, leaks).map((f) => f.problem);
const userErrors = (...fields: string[][]) => ({ data: { thingCreate: { userErrors: fields.map((field) => ({ field, code: "INVALID", message: "no" })) } } });

describe("fuzz verdicts", () => {
  it("walks arguments, nested input fields and list items", () => {
    expect(targets.map((t) => `${t.operation.name}:${t.path.join(".")}`)).toEqual(["item:id", "thingCreate:input", "thingCreate:input.name", "thingCreate:input.tags"]);
  });

  it("fails a 5xx, an HTML page, an INTERNAL_SERVER_ERROR and an error without a code", () => {
    const named = { errors: [{ message: "input.name is bad", extensions: { code: "BAD_USER_INPUT" } }] };
    expect(problems(at("input.name"), answer(500, named))).toEqual(["HTTP 500"]);
    expect(problems(at("input.name"), answer(400, "<html>Bad Request</html>"))).toEqual(["answer is not GraphQL JSON"]);
    expect(problems(at("input.name"), answer(200, { errors: [{ message: "name", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }))).toEqual(["INTERNAL_SERVER_ERROR"]);
    expect(problems(at("input.name"), answer(400, { errors: [{ message: "name" }] }))).toEqual(["error without extensions.code"]);
    expect(problems(at("input.name"), answer(400, named))).toEqual([]);
  });

  it("asks a top-level error to name the argument or input field as a word, or to point into the literal", () => {
    const error = (message: string, extensions: object = {}, column = 1) => ({ errors: [{ message, locations: [{ line: 1, column }], extensions: { code: "BAD_USER_INPUT", ...extensions } }] });
    expect(problems(at("input.name"), answer(400, error('Variable "$input" got invalid value 1 at "input.name"')))).toEqual([]);
    expect(problems(at("id"), answer(400, error("bad", { argument: "id" })))).toEqual([]);
    expect(problems(at("input.name"), answer(400, error("bad", { stacktrace: ["at name"] })))).toEqual(["top-level error does not name the argument or field"]);
    expect(problems(at("input.name"), answer(400, error("names are bad")))).toEqual(["top-level error does not name the argument or field"]);
    expect(problems(at("input.name", "refuse", true), answer(400, error("bad", {}, 11)), [10, 14])).toEqual([]);
    expect(problems(at("input.name", "refuse", true), answer(400, error("bad", {}, 15)), [10, 14])).toEqual(["top-level error does not name the argument or field"]);
  });

  it("asks a refused value for a userError on its path, and only a refused one", () => {
    expect(problems(at("input.name"), answer(200, userErrors(["input", "name"])))).toEqual([]);
    expect(problems(at("input.tags"), answer(200, userErrors(["input", "tags", "0"])))).toEqual([]);
    expect(problems(at("input.name"), answer(200, userErrors(["input", "tags"])))).toEqual(["userErrors do not name the field"]);
    expect(problems(at("input.name"), answer(200, userErrors()))).toEqual(["accepted a value it must refuse"]);
    expect(problems(at("input.name", "either"), answer(200, userErrors()))).toEqual([]);
    expect(problems(at("input.name", "either"), answer(200, userErrors(["input", "tags"])))).toEqual([]);
    expect(problems(at("id"), answer(200, { data: { item: null } }))).toEqual(["accepted a value it must refuse"]);
  });

  it("in production, fails SQL, driver messages and stacks in the body", () => {
    const leaky = answer(400, { errors: [{ message: 'Failed query: select "id" from "things"', extensions: { code: "BAD_USER_INPUT", argument: "id", stack: "Error\n    at run (/app/src/x.ts:1:2)" } }] });
    expect(problems(at("id"), leaky, undefined, true)).toEqual(["answer leaks SQL", "answer leaks driver message", "answer leaks stack", "answer leaks source path"]);
    expect(problems(at("id"), leaky)).toEqual([]);
  });

  it("groups failures by problem, status, code and message shape", () => {
    const failures = [1, 2, 3].map((n) => judge(at("id"), answer(500, { errors: [{ message: `Variable "$id" got invalid value ${n}`, extensions: { code: "INTERNAL_SERVER_ERROR" } }] }), undefined, false)[0]!);
    expect(summarize(failures).split("\n")[0]).toBe('3x HTTP 500 | HTTP 500 | INTERNAL_SERVER_ERROR | Variable "…" got invalid …');
  });
});
