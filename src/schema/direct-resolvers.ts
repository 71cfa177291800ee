import { GraphQLScalarType, isObjectType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage, type ContainerType } from "type-graphql";
import { cachedIn } from "../memo.js";
import { fieldsOfObjectType } from "./type-fields.js";

type Class = abstract new (...args: never[]) => object;
type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

/**
 * The resolver instances of one schema: one per class, made on first use, as type-graphql's default
 * container makes them. Given to type-graphql as its container so that the direct resolves below call
 * their methods on the very instances its own wrappers use.
 */
export class ResolverInstances implements ContainerType {
  private readonly instances = new Map<unknown, object>();

  get(someClass: new () => object): object {
    return cachedIn(this.instances, someClass, () => new someClass());
  }
}

// type-graphql's metadata types, which its index does not export.
type Storage = ReturnType<typeof getMetadataStorage>;
type Handler = Storage["queries"][number] | Storage["fieldResolvers"][number];
type Param = NonNullable<Handler["params"]>[number];

type ParamReader = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * How to read one parameter, when type-graphql's getParams hands the method the same values:
 * root and context (or a property of them) and info as they are; an @Arg of a scalar type, not a list,
 * with no validation (type-graphql's convertToType returns a scalar's value as is, and with
 * `validate: false` validateArg only awaits it); @Args with no validation, when its class and every
 * input class add nothing to the values they are copied into (see addsNothing), as plain objects. The
 * loader cache keys arguments by value, whatever their class or property order
 * (src/loading/child-pages.ts). Undefined for anything else type-graphql converts: a list or input
 * @Arg, a typed @Root (copied into its class).
 */
function paramReader(param: Param): ParamReader | undefined {
  switch (param.kind) {
    case "root": {
      const { propertyName } = param;
      if (param.getType) return undefined;
      return propertyName ? (root) => (root as Record<string, unknown>)[propertyName] : (root) => root;
    }
    case "context": {
      const { propertyName } = param;
      return propertyName ? (_root, _args, context) => (context as Record<string, unknown>)[propertyName] : (_root, _args, context) => context;
    }
    case "info":
      return (_root, _args, _context, info) => info;
    case "args": {
      const plain = !param.validateFn && param.validateSettings === undefined && addsNothing(param.getType() as Function) && inputClassesAddNothing();
      return plain ? (_root, args) => args : undefined;
    }
    case "arg": {
      const { name } = param;
      const plain = !param.typeOptions.array && !param.validateFn && param.validateSettings === undefined && param.getType() instanceof GraphQLScalarType;
      return plain ? (_root, args) => args[name] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether instances of a class hold only what is copied into them: no field with a value of its own (a
 * default) and no method or accessor, on the class or a class it extends. For such classes type-graphql's
 * copy of the arguments equals the plain arguments for every use a resolver can make of them.
 */
function addsNothing(target: Function): boolean {
  if (Object.values(new (target as new () => object)()).some((value) => value !== undefined)) return false;
  for (let proto = target.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Object.getOwnPropertyNames(proto).some((name) => name !== "constructor")) return false;
  }
  return true;
}

/** Whether every input class declared adds nothing (arguments hold them, copied, at any depth). Asked once per field, at startup. */
function inputClassesAddNothing(): boolean {
  return getMetadataStorage().inputTypes.every((input) => addsNothing(input.target));
}

/**
 * The resolve type-graphql's createHandlerResolver amounts to for a method with no roles, no
 * middlewares and only unconverted parameters: the method of the class's instance, called with the
 * parameters in declaration order. Its wrapper also builds a resolver-data object, looks the instance
 * up, sorts the parameters and runs an empty middleware chain on every call (about 220 calls for a
 * nested list page); an @Arg makes it await an identity validation first, a promise per call.
 * Undefined when the wrapper does more than that, so the field keeps it.
 */
function directResolve(handler: Handler, servingClass: Function, instances: ResolverInstances): Resolver | undefined {
  // Roles, even none (`@Authorized()`), make type-graphql run its auth checker.
  if (handler.roles || handler.middlewares?.length) return undefined;
  const readers: ParamReader[] = [];
  for (const param of [...(handler.params ?? [])].sort((a, b) => a.index - b.index)) {
    const reader = paramReader(param);
    if (!reader) return undefined;
    readers.push(reader);
  }
  const instance = instances.get(servingClass as new () => object) as Record<string, (...params: unknown[]) => unknown>;
  const method = instance[handler.methodName];
  if (typeof method !== "function") return undefined;
  return (root, args, context, info) => method.apply(instance, readers.map((read) => read(root, args, context, info)));
}

/**
 * The class whose instance type-graphql calls a handler on. type-graphql re-targets the handlers of a
 * resolver class to the resolver class that extends it (src/read-queries.ts is such a base), so: the
 * one decorated heir when there is one, else the declaring class; undefined when that class is not one
 * of the schema's resolvers (type-graphql leaves its handlers out) or when several classes inherit it.
 */
function servingClass(target: Function, resolvers: readonly Function[]): Function | undefined {
  const heirs = getMetadataStorage().resolverClasses.filter((r) => r.target.prototype instanceof target);
  if (heirs.length > 1) return undefined;
  const serving = heirs[0]?.target ?? target;
  return resolvers.includes(serving) ? serving : undefined;
}

function install(field: GraphQLField<unknown, unknown> | undefined, handler: Handler, resolvers: readonly Function[], instances: ResolverInstances): void {
  const serving = servingClass(handler.target, resolvers);
  const resolve = field && serving && directResolve(handler, serving, instances);
  if (resolve) field.resolve = resolve;
}

/**
 * Replaces type-graphql's wrapper with a direct call on every query and field resolver where the
 * wrapper adds nothing (see directResolve). Auth (@Authorized) and any middleware stay in type-graphql's
 * hands; the argument guard is installed after this, around whatever resolve a field has. Mutations
 * are left to type-graphql: they are off the read path, and each carries roles.
 */
export function resolveDirectly(schema: GraphQLSchema, resolvers: readonly Class[], instances: ResolverInstances): GraphQLSchema {
  const storage = getMetadataStorage();
  const { queries, fieldResolvers } = storage;
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  for (const handler of queries) {
    // Two handlers of one name: which one type-graphql kept is not worth reproducing.
    if (queries.filter((other) => other.schemaName === handler.schemaName).length === 1) install(queryFields[handler.schemaName], handler, resolvers, instances);
  }
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of fieldsOfObjectType(objectType)) {
      // The resolver type-graphql picks for the field: the first one declared for it by a schema resolver.
      const handler = fieldResolvers.find(
        (r) => r.getObjectType?.() === field.target && r.methodName === field.name && (r.kind === "internal" || servingClass(r.target, resolvers)),
      );
      // An internal resolver (a method of the object type) runs on the source copied into its class.
      if (handler?.kind === "external") install(fields[field.schemaName], handler, resolvers, instances);
    }
  }
  return schema;
}
