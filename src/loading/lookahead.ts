import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { selectedEmbeds, type Embeddable, type Embeds, type FieldsOnTypes } from "./embedded.js";
import { cachedIn } from "../memo.js";

/**
 * What a request selects, looked ahead of the resolvers: the fields under a field, the paths an
 * embedded read follows, the fields the whole operation selects on each type. Reads use them to read
 * only the columns a request shows (neededFields, src/loading/rows.ts): a nested list page shows a few
 * fields of each row, and every extra column is parsed, decoded (a timestamp becomes a Date) and
 * collected as garbage for nothing: the accounts of a client page showed 4 of 36.
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
  if (!first) return walkPaths(info, shape, depth);
  return cachedIn(cachedIn(memo, first, () => new Map()), `${shape}:${depth}`, () => walkPaths(info, shape, depth));
}

const memo = new WeakMap<FieldNode, Map<string, Set<string>>>();

/** Each field of a selection set, through inline fragments and fragment spreads, whatever their type condition. */
function eachField(set: SelectionSetNode | undefined, fragments: GraphQLResolveInfo["fragments"], visit: (field: FieldNode) => void): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(selection.selectionSet, fragments, visit);
    else eachField(fragments[selection.name.value]?.selectionSet, fragments, visit);
  }
}

function walkPaths(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, shape: "object" | "connection", depth: number): Set<string> {
  const paths = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, visit: (name: string, set: SelectionSetNode | undefined) => void) =>
    eachField(set, info.fragments, (field) => visit(field.name.value, field.selectionSet));
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

const onTypesMemo = new WeakMap<OperationDefinitionNode, FieldsOnTypes>();

/**
 * The fields the whole operation selects on each object type, through fragments and abstract types (a
 * field selected on an interface counts for each type implementing it). A row read once for the
 * request and handed to every resolver that asks for it (an embedded row primed into a loader) must
 * hold what any of them reads, wherever in the document it sits. Worked out once per parsed operation.
 */
export function fieldsOnTypes(info: Pick<GraphQLResolveInfo, "operation" | "fragments" | "schema">): FieldsOnTypes {
  return cachedIn(onTypesMemo, info.operation, () => walkTypes(info));
}

function walkTypes(info: Pick<GraphQLResolveInfo, "operation" | "fragments" | "schema">): FieldsOnTypes {
  const { schema } = info;
  const onTypes = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType): void => {
    const concrete = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        for (const object of concrete) cachedIn(onTypes, object.name, () => new Set<string>()).add(name);
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        const inner = field && getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(inner)) walk(selection.selectionSet, inner);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
        const target = fragment?.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!fragment || !isCompositeType(target)) continue;
        // A fragment spread many times on one type adds the same names each time.
        const visit = selection.kind === Kind.FRAGMENT_SPREAD ? `${selection.name.value}@${type.name}` : undefined;
        if (visit && seen.has(visit)) continue;
        if (visit) seen.add(visit);
        walk(fragment.selectionSet, target);
      }
    }
  };
  const root = schema.getRootType(info.operation.operation);
  if (root) walk(info.operation.selectionSet, root);
  return onTypes;
}

/** The embeds of `embeddable` a field's selection names, each embedded row read as far as the operation needs it. */
export function embedsOf<L extends object>(
  info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation" | "schema">,
  shape: "object" | "connection",
  embeddable: Embeddable<L>,
  loaders: L,
): Embeds | undefined {
  return selectedEmbeds(embeddable, selectedPaths(info, shape), loaders, fieldsOnTypes(info));
}

/** One field selected on the object a field returns, as the executor will resolve it. */
export interface SelectedChild {
  field: GraphQLField<unknown, unknown>;
  /** The resolve info its resolver will get, as far as look-ahead reads it. */
  info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation" | "schema">;
  /** Its argument values, defaults applied, variables substituted. */
  args: Record<string, unknown>;
}

/**
 * The field `name` selected on the object a field returns, when it is selected under one response key
 * (aliases of it with other arguments make it ambiguous: undefined); undefined when not selected.
 */
export function selectedChild(info: GraphQLResolveInfo, name: string): SelectedChild | undefined {
  const type = getNamedType(info.returnType);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!field) return undefined;
  const nodes: FieldNode[] = [];
  for (const node of info.fieldNodes) eachField(node.selectionSet, info.fragments, (field) => field.name.value === name && nodes.push(field));
  const keys = new Set(nodes.map((node) => node.alias?.value ?? name));
  if (keys.size !== 1) return undefined;
  return { field, info: { ...info, fieldNodes: nodes }, args: getArgumentValues(field, nodes[0]!, info.variableValues) };
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
    embeds: embedsOf(info, "connection", embeddable, loaders),
    count: selectsTotalCount(info),
  };
}

/** Whether a connection field's selection reads `totalCount`. */
export function selectsTotalCount(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): boolean {
  return selectedFieldNames(info, "object").has("totalCount");
}
