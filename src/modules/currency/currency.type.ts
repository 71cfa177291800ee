import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";

@ObjectType({ description: "An ISO 4217 currency that balances, credit limits and rates are kept in." })
export class Currency {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: 'ISO 4217 code, e.g. "USD".' })
  code: string;

  @Field(() => String, { description: 'English name, e.g. "US Dollar".' })
  name: string;
}

export const CurrencyConnection = connectionType(Currency, "Currency", "currencies");
