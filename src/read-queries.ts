import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, ID, Info, Query, Resolver, type ClassType } from "type-graphql";
import { pageComplexity } from "./limits.js";
import type { Context } from "./context.js";
import type { ConnectionArgs, Page } from "./loading/keyset-pagination.js";
import { parseId } from "./validation.js";

export interface ReadQueriesOptions<Row, Args extends ConnectionArgs> {
  /** Object type returned by `<single>(id)`. */
  type: ClassType<object>;
  connection: ClassType<object>;
  args: ClassType<Args>;
  /** Field names, e.g. "rateTable" and "rateTables". */
  single: string;
  plural: string;
  /** Plural noun for descriptions, e.g. "rate tables". */
  noun: string;
  /** Description of the list query, when the default one does not fit. */
  listDescription?: string;
  /** `info` tells what the request selects under the object, for reads that embed it (src/loading/embedded.ts). */
  load(ctx: Context, id: number, info: GraphQLResolveInfo): Promise<Row | null>;
  /** `info` tells which fields the request selects, for lists that read only the columns those need. */
  list(ctx: Context, args: Args, info: GraphQLResolveInfo): Promise<Page<Row>>;
}

/**
 * The two read queries every entity has: one by id (null when absent) and a keyset-paginated connection.
 * Extend the returned class with `@Resolver(() => Type)` to add the entity's field resolvers.
 */
export function readQueries<Row, A extends ConnectionArgs>(o: ReadQueriesOptions<Row, A>) {
  const singular = o.single.replace(/([A-Z])/g, " $1").toLowerCase();
  const article = /^[aeiou]/.test(singular) ? "An" : "A";
  // Decorated so type-graphql copies these handlers onto the subclass named in the schema.
  @Resolver()
  class ReadQueries {
    @Query(() => o.type, { name: o.single, nullable: true, description: `${article} ${singular} by id; null when there is none.` })
    one(@Arg("id", () => ID, { description: `Id of the ${singular}.` }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
      const key = parseId(id);
      return key === undefined ? null : o.load(ctx, key, info);
    }

    @Query(() => o.connection, {
      name: o.plural,
      complexity: pageComplexity,
      description: o.listDescription ?? `${capitalize(o.noun)}, filtered and sorted; keyset-paginated.`,
    })
    many(@Args(() => o.args) args: A, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
      return o.list(ctx, args, info);
    }
  }
  return ReadQueries;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
