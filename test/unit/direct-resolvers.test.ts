import { GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, UseMiddleware, buildSchemaSync } from "type-graphql";
import { describe, expect, it, vi } from "vitest";
import { ClientResolver } from "../../src/modules/client/client.resolver.js";
import { buildGatewaySchema, buildTypeGraphqlSchema, RESOLVERS } from "../../src/schema/build.js";
import { ResolverInstances, resolveDirectly } from "../../src/schema/direct-resolvers.js";

type Resolve = GraphQLFieldResolver<unknown, unknown>;

function resolvers(schema: GraphQLSchema): Map<string, Resolve | undefined> {
  const found = new Map<string, Resolve | undefined>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) found.set(`${type.name}.${field.name}`, field.resolve);
  }
  return found;
}

// Spied before any schema is built, so both type-graphql's wrapper and the direct resolve call the spy.
const partition = vi.spyOn(ClientResolver.prototype, "partition");

/** type-graphql's wrappers, and the same schema with the direct resolves installed, on their own instances. */
const wrapped = resolvers(buildTypeGraphqlSchema(new ResolverInstances()));
const instances = new ResolverInstances();
const schema = buildTypeGraphqlSchema(instances);
const before = resolvers(schema);
const direct = resolvers(resolveDirectly(schema, RESOLVERS, instances));
const gateway = buildGatewaySchema();
const directFields = [...direct].filter(([name, resolve]) => resolve !== before.get(name)).map(([name]) => name);

/** Every property of a source object, whatever its type: the same value for both sides. */
const root = new Proxy({}, { get: (_target, property) => (property === "then" ? undefined : `${String(property)}-1`) });
const info = { fieldName: "field" } as unknown as GraphQLResolveInfo;

/** A context whose every loader answers `load` (and `now`, see src/loading/loader.ts) as told. */
function contextWith(load: (loader: string, key: unknown) => unknown) {
  const loaders = new Proxy({}, { get: (_target, loader) => ({ load: (key: unknown) => load(String(loader), key), now: (key: unknown) => load(String(loader), key) }) });
  return { loaders };
}

const contexts = {
  "loaders that answer": contextWith((loader, key) => Promise.resolve({ loader, key })),
  "loaders that reject": contextWith((loader, key) => Promise.reject(new Error(`${loader} failed for ${String(key)}`))),
  "loaders that throw": contextWith((loader) => {
    throw new GraphQLError(`${loader} refused`, { extensions: { code: "NOT_FOUND" } });
  }),
  "no loaders": {},
};

/** What a client would get: the value, or the error with its class, message and extensions. */
async function outcome(resolve: Resolve, context: object): Promise<unknown> {
  try {
    return { value: await resolve(root, { id: "12" }, context, info) };
  } catch (error) {
    const { name, message, extensions } = error as GraphQLError;
    return { error: { constructor: (error as object).constructor.name, name, message, extensions } };
  }
}

describe("direct resolves (src/schema/direct-resolvers.ts)", () => {
  it("replace type-graphql's wrapper on plain queries and field resolvers only", () => {
    expect(directFields).toEqual(expect.arrayContaining(["Query.account", "Query.rateTable", "Client.partition", "Client.currency", "Account.origination", "AccountOrigination.rateTables"]));
    // Declared for the RatePricing interface, so resolved on the rate and special rate types alike.
    expect(directFields).toEqual(expect.arrayContaining(["Rate.timeProfile", "SpecialRate.timeProfile"]));
    // Arguments classes that add nothing to their values are read as the plain arguments.
    expect(directFields).toEqual(expect.arrayContaining(["Query.clients", "Client.accounts", "RateTable.rates"]));
    // @Authorized, input @Arg (converted to class instances), and everything of the mutations stay wrapped.
    for (const kept of ["Query.apiKeys", "Query.rateQuote", "Mutation.accountCreate"]) {
      expect(directFields).not.toContain(kept);
    }
    expect(directFields.filter((name) => name.startsWith("Mutation."))).toEqual([]);
  });

  it.each(Object.entries(contexts))("give the same results and errors as type-graphql's wrapper, with %s", async (_name, context) => {
    for (const field of directFields) {
      expect({ field, ...((await outcome(direct.get(field)!, context)) as object) }).toEqual({ field, ...((await outcome(wrapped.get(field)!, context)) as object) });
    }
  });

  it("call the method on the resolver instance type-graphql uses", async () => {
    partition.mockClear();
    const context = contexts["loaders that answer"];
    await direct.get("Client.partition")!(root, {}, context, info);
    await before.get("Client.partition")!(root, {}, context, info);
    expect(partition.mock.contexts).toEqual([instances.get(ClientResolver), instances.get(ClientResolver)]);
    expect(partition.mock.contexts[0]).toBe(partition.mock.contexts[1]);
  });

  it("leave type-graphql's wrapper wherever it does more: roles, even none, middlewares, typed roots, converted arguments", () => {
    @ObjectType()
    class Probe {
      @Field(() => ID)
      id: string;
    }

    @ArgsType()
    class PlainArgs {
      @Field(() => Int, { nullable: true })
      first?: number;
    }

    @ArgsType()
    class DefaultingArgs {
      @Field(() => Int, { nullable: true })
      first?: number = 10;
    }

    @ArgsType()
    class ArgsWithMethod {
      @Field(() => Int, { nullable: true })
      first?: number;

      size(): number {
        return this.first ?? 10;
      }
    }

    @Resolver(() => Probe)
    class ProbeResolver {
      @Query(() => Probe)
      probe(@Arg("id", () => ID) id: string): Probe {
        return { id };
      }

      @FieldResolver(() => String)
      open(@Root() probe: Probe, @Ctx() context: object) {
        return `${probe.id} ${typeof context}`;
      }

      @Authorized("ADMIN")
      @FieldResolver(() => String)
      withRole(@Root() probe: Probe) {
        return probe.id;
      }

      @Authorized()
      @FieldResolver(() => String)
      withNoRole(@Root() probe: Probe) {
        return probe.id;
      }

      @UseMiddleware((_data, next) => next())
      @FieldResolver(() => String)
      withMiddleware(@Root() probe: Probe) {
        return probe.id;
      }

      @FieldResolver(() => String)
      typedRoot(probe: Probe) {
        return probe.id;
      }

      @FieldResolver(() => String)
      listArgument(@Root() probe: Probe, @Arg("ids", () => [ID]) ids: string[]) {
        return `${probe.id} ${ids.join()}`;
      }

      @FieldResolver(() => String)
      plainArgs(@Root() probe: Probe, @Args(() => PlainArgs) args: PlainArgs) {
        return `${probe.id} ${args.first}`;
      }

      @FieldResolver(() => String)
      defaultingArgs(@Root() probe: Probe, @Args(() => DefaultingArgs) args: DefaultingArgs) {
        return `${probe.id} ${args.first}`;
      }

      @FieldResolver(() => String)
      argsWithMethod(@Root() probe: Probe, @Args(() => ArgsWithMethod) args: ArgsWithMethod) {
        return `${probe.id} ${args.size()}`;
      }
    }

    // A root typed by design:paramtypes, which type-graphql copies into its class (this project emits no such metadata).
    Reflect.defineMetadata("design:paramtypes", [Probe], ProbeResolver.prototype, "typedRoot");
    Root()(ProbeResolver.prototype, "typedRoot", 0);

    const probeInstances = new ResolverInstances();
    const probeSchema = buildSchemaSync({ resolvers: [ProbeResolver], container: probeInstances, authChecker: () => true, validate: false });
    const typeGraphql = resolvers(probeSchema);
    const changed = [...resolvers(resolveDirectly(probeSchema, [ProbeResolver], probeInstances))].filter(([name, resolve]) => resolve !== typeGraphql.get(name));
    expect(changed.map(([name]) => name).sort()).toEqual(["Probe.open", "Probe.plainArgs", "Query.probe"]);
  });

  it("stay behind the argument guard and the auth checker in the gateway's schema", async () => {
    const fields = gateway.getQueryType()!.getFields();
    const context = { ...contexts["loaders that answer"], apiKey: { role: "read_only", partitionId: null } };
    expect(() => fields.account!.resolve!(undefined, { id: "1\u0000" }, context, info)).toThrow(/must not contain the NUL character/);
    await expect(Promise.resolve().then(() => fields.apiKeys!.resolve!(undefined, {}, context, { ...info, fieldName: "apiKeys" }))).rejects.toThrow(/Not allowed to run apiKeys/);
  });
});

describe("plain fields (src/schema/build.ts)", () => {
  it("are read by graphql-jit as properties, those from an interface too; a promise-valued one keeps its resolver", () => {
    const resolved = resolvers(gateway);
    for (const plain of ["Client.name", "Rate.code", "Rate.value", "Rate.effectiveFrom", "SpecialRate.value"]) expect({ plain, resolve: resolved.get(plain) }).toEqual({ plain, resolve: undefined });
    expect(resolved.get("RateConnection.totalCount")).toBeTypeOf("function");
  });
});
