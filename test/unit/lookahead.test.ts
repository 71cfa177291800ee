import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from "graphql";
import { describe, expect, it } from "vitest";
import { accounts } from "../../src/db/schema.js";
import { fieldsOnTypes, selectedFieldNames } from "../../src/loading/lookahead.js";
import { neededFields, propertyOf } from "../../src/loading/rows.js";

/** The resolve info of the first top-level field of a document. */
function infoOf(document: string) {
  const doc = parse(document);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe("selectedFieldNames", () => {
  it("collects the fields of a connection's nodes and edges' nodes, through aliases and both kinds of fragment", () => {
    const info = infoOf(`{ accounts { totalCount pageInfo { endCursor } nodes { id alias: name ...F } edges { cursor node { ... on Account { uuid } } } }
      } fragment F on Account { client { id } }`);
    expect([...selectedFieldNames(info, "connection")].sort()).toEqual(["client", "id", "name", "uuid"]);
  });

  it("collects an object's own fields, not those of the objects under it", () => {
    const info = infoOf(`{ account(id: 1) { name origination { rateTables { name notes } } } }`);
    expect([...selectedFieldNames(info, "object")].sort()).toEqual(["name", "origination"]);
  });

  it("merges the selections of the same field asked twice", () => {
    const doc = parse(`{ accounts { nodes { name } } accounts { nodes { vat } } }`);
    const fieldNodes = (doc.definitions[0] as OperationDefinitionNode).selectionSet.selections as FieldNode[];
    expect([...selectedFieldNames({ fieldNodes, fragments: {} }, "connection")].sort()).toEqual(["name", "vat"]);
  });
});

describe("neededFields", () => {
  const all = { id: accounts.id, name: accounts.name, clientId: accounts.clientId, createdAt: accounts.createdAt };
  const needs = { id: ["id"], name: ["name"], client: ["clientId"], createdAt: ["createdAt"] };

  it("keeps the id, the sort key and what the selected fields need, and gives the same object for the same set", () => {
    const fields = neededFields(all, needs, new Set(["client", "__typename"]), propertyOf(all, accounts.name));
    expect(Object.keys(fields).sort()).toEqual(["clientId", "id", "name"]);
    expect(neededFields(all, needs, new Set(["client"]), ["name"])).toBe(fields);
  });

  it("reads every column when a selected field is unknown to it", () => {
    expect(neededFields(all, needs, new Set(["name", "somethingNew"]))).toBe(all);
  });

  it("follows paths into objects built from the row, and reads nothing more for paths under a reference", () => {
    const nested = { ...needs, identification: { authType: ["authType"], equipment: [] } };
    const wider = { ...all, authType: accounts.authType, ips: accounts.ips };
    const paths = new Set(["identification", "identification.authType", "identification.equipment", "identification.equipment.name", "client", "client.name"]);
    expect(Object.keys(neededFields(wider, nested, paths)).sort()).toEqual(["authType", "clientId", "id"]);
    expect(neededFields(wider, nested, new Set(["identification", "identification.ips"]))).toBe(wider);
  });

  it("lets a field read the property of its own name unless its needs say otherwise, and answers each needs table on its own", () => {
    const selected = new Set(["name", "client"]);
    expect(Object.keys(neededFields(all, { client: ["clientId"] }, selected)).sort()).toEqual(["clientId", "id", "name"]);
    expect(Object.keys(neededFields(all, { client: ["createdAt"] }, selected)).sort()).toEqual(["createdAt", "id", "name"]);
  });

  it("finds no property for a column the fields lack", () => {
    expect(propertyOf(all, accounts.vat)).toEqual([]);
    expect(propertyOf(all, undefined)).toEqual([]);
  });
});

describe("fieldsOnTypes", () => {
  const schema = buildSchema(`
    interface Named { name: String }
    type Table implements Named { id: ID name: String notes: String deck: Deck }
    type Deck implements Named { id: ID name: String code: String }
    type Account { id: ID tables: [Table] other: Named }
    type Query { account: Account table: Table named: [Named] }
  `);
  const onTypes = (document: string) => {
    const doc = parse(document);
    const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(
      doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    const found = fieldsOnTypes({ schema, operation, fragments });
    return Object.fromEntries([...found].map(([type, names]) => [type, [...names].sort()]));
  };

  it("unites what every place of the operation selects on a type, through fragments of both kinds", () => {
    expect(onTypes(`{ account { tables { id } other { ... on Deck { code } } } table { notes ...T } } fragment T on Table { deck { id } }`)).toEqual({
      Query: ["account", "table"],
      Account: ["other", "tables"],
      Table: ["deck", "id", "notes"],
      Deck: ["code", "id"],
    });
  });

  it("counts a field selected on an interface for every type implementing it", () => {
    expect(onTypes(`{ named { name __typename ... on Table { notes } } }`)).toEqual({
      Query: ["named"],
      Table: ["__typename", "name", "notes"],
      Deck: ["__typename", "name"],
    });
  });

  it("follows a fragment spread once per type however often it is spread", () => {
    expect(onTypes(`{ table { ...T deck { name } } account { tables { ...T } } } fragment T on Table { name deck { code } }`)).toEqual({
      Query: ["account", "table"],
      Account: ["tables"],
      Table: ["deck", "name"],
      Deck: ["code", "name"],
    });
  });
});
