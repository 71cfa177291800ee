import { client, describeError } from "./client";
import { byId, el } from "./dom";
import type { AccountRow } from "./clients";
import { RateQuoteDocument } from "./gql/graphql";

/** The rate quote form: what a call from an account to a number, now, would cost. */
export function rateQuoteForm(): (accounts: AccountRow[]) => void {
  const form = byId<HTMLFormElement>("quote-form");
  const output = byId("quote-result");
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = {
      accountId: field("accountId").value,
      dstNumber: field("dstNumber").value.trim(),
      volume: Number(field("volume").value),
      at: new Date().toISOString(),
    };
    const result = await client.query(RateQuoteDocument, { input }).toPromise();
    if (result.error || !result.data) {
      output.textContent = result.error ? describeError(result.error) : "No answer.";
      output.className = "alert";
      return;
    }
    const quote = result.data.rateQuote;
    output.className = "";
    output.textContent =
      quote.reason !== null && quote.reason !== undefined
        ? `No price for ${quote.dstNumber}: ${quote.reason}`
        : `${quote.dstNumber}: code ${quote.code}, ${quote.billedVolume} s billed at ${quote.rate?.value}/min, cost ${quote.cost}`;
  });

  return (accounts) => {
    const select = field("accountId");
    select.replaceChildren(...accounts.map((a) => el("option", { value: a.id }, a.name)));
  };
}
