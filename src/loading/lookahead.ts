import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import type { AnyColumn } from "drizzle-orm";
import { selectedEmbeds, type Embeddable, type Embeds } from "./embedded.js";
import type { Fields } from "./rows.js";

/**
 * Reading only the columns a request selects. A nested list page shows a few fields of each row, and
 * every extra column is parsed, decoded (a timestamp becomes a Date) and collected as garbage for
 * nothing: the accounts of a client page showed 4 of 36.
 */

/** The GraphQL field names selected on the objects a field returns, through fragments; aliases do not matter. */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, shape: "object" | "connection"): Set<string> {
  return selectedPaths(info, shape, 1);
}

/**
 * The fields selected on the objects a field returns and, down to `depth` levels, on their objects in
 * turn, as paths: `{ client { name } origination { rateTables { id } } }` gives client, client.name,
 * origination, origination.rateTables and origination.rateTables.id. Three levels are what an embedded
 * read needs (src/loading/embedded.ts).
 */
export function selectedPaths(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, shape: "object" | "connection", depth = 3): Set<string> {
  // A field under a list is resolved once per parent with the same field nodes, which belong to a
  // parsed document Apollo keeps: the paths are worked out once per field node, not once per call.
  const first = info.fieldNodes[0];
  const key = `${shape}:${depth}`;
  let byKey = first && memo.get(first);
  if (first && !byKey) memo.set(first, (byKey = new Map()));
  let paths = byKey?.get(key);
  if (!paths) {
    paths = walkPaths(info, shape, depth);
    byKey?.set(key, paths);
  }
  return paths;
}

const memo = new WeakMap<FieldNode, Map<string, Set<string>>>();

function walkPaths(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, shape: "object" | "connection", depth: number): Set<string> {
  const paths = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, visit: (name: string, set: SelectionSetNode | undefined) => void) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) visit(selection.name.value, selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, visit);
      else collect(info.fragments[selection.name.value]?.selectionSet, visit);
    }
  };
  const objectPaths = (set: SelectionSetNode | undefined, prefix: string, level: number): void =>
    collect(set, (name, inner) => {
      paths.add(prefix + name);
      if (level < depth) objectPaths(inner, `${prefix}${name}.`, level + 1);
    });
  for (const node of info.fieldNodes) {
    if (shape === "object") objectPaths(node.selectionSet, "", 1);
    else {
      collect(node.selectionSet, (name, set) => {
        if (name === "nodes") objectPaths(set, "", 1);
        else if (name === "edges") collect(set, (edgeField, nodeSet) => edgeField === "node" && objectPaths(nodeSet, "", 1));
      });
    }
  }
  return paths;
}

/** For each GraphQL field of a type, the row properties its value (or its resolver) reads. */
export type FieldNeeds = Record<string, readonly string[]>;

const narrowed = new WeakMap<Fields, Map<string, Fields>>();

/**
 * The part of `all` that the selected fields need, plus `id` and the properties `also` names (a sort
 * key, for cursors). A selected field `needs` does not know gets every column: a field added to the
 * type without an entry here costs speed, never correctness. The same set gives the same object, so
 * its select list is built once.
 */
export function neededFields(all: Fields, needs: FieldNeeds, selected: Set<string>, also: readonly string[] = []): Fields {
  const keys = new Set(["id", ...also]);
  for (const name of selected) {
    if (name === "__typename") continue;
    const props = needs[name];
    if (!props) return all;
    for (const prop of props) keys.add(prop);
  }
  const key = [...keys].sort().join(",");
  let byKey = narrowed.get(all);
  if (!byKey) narrowed.set(all, (byKey = new Map()));
  let fields = byKey.get(key);
  if (!fields) {
    fields = Object.fromEntries(Object.entries(all).filter(([prop]) => keys.has(prop)));
    byKey.set(key, fields);
  }
  return fields;
}

/** The row property holding a column, e.g. the sort key a cursor reads; none when `fields` lacks it. */
export function propertyOf(fields: Fields, column: AnyColumn | undefined): string[] {
  const found = column && Object.entries(fields).find(([, field]) => field === column);
  return found ? [found[0]] : [];
}

/** What a page's own statement reads besides its rows, when the request selects it. */
export interface PageExtras {
  /** References and lists read in the page's statement (see embedded.ts). */
  embeds?: Embeds | undefined;
  /**
   * `totalCount` is selected: counted in the page's statement (see table-pages.ts and child-pages.ts).
   * An empty page carries no row to hold it, so its count is a statement of its own, as is every count
   * not selected together with the page.
   */
  count?: boolean;
}

/** The extras a connection field's selection asks for. */
export function pageExtras<L extends object>(info: GraphQLResolveInfo, embeddable: Embeddable<L>, loaders: L): PageExtras {
  return {
    embeds: selectedEmbeds(embeddable, selectedPaths(info, "connection"), loaders),
    count: selectsTotalCount(info),
  };
}

/** Whether a connection field's selection reads `totalCount`. */
export function selectsTotalCount(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): boolean {
  return selectedFieldNames(info, "object").has("totalCount");
}
