import { client, describeError } from "./client";
import { byId, el } from "./dom";
import { ClientsPageDocument, type ClientsPageQuery } from "./gql/graphql";

export type AccountRow = ClientsPageQuery["clients"]["nodes"][number]["accounts"]["nodes"][number];

/** Loads the first clients with their first accounts and shows them; calls onEdit when an account's Edit is pressed. */
export async function showClients(onEdit: (account: AccountRow) => void): Promise<AccountRow[]> {
  const status = byId("clients-status");
  const table = byId<HTMLTableElement>("clients");
  const result = await client.query(ClientsPageDocument, { clients: 20, accounts: 10 }).toPromise();
  if (result.error || !result.data) {
    status.textContent = result.error ? describeError(result.error) : "No data.";
    status.className = "alert";
    return [];
  }
  const { clients } = result.data;
  status.textContent = `${clients.totalCount} clients`;
  status.className = "";
  table.tBodies[0]!.replaceChildren(
    ...clients.nodes.map((c) =>
      el(
        "tr",
        {},
        el("td", {}, c.name),
        // A Decimal is a string: shown as sent, never turned into a float.
        el("td", { className: "money" }, `${c.creditLimit} ${c.currency.code}`),
        el(
          "td",
          {},
          c.accounts.totalCount === 0
            ? "no accounts"
            : el(
                "ul",
                {},
                ...c.accounts.nodes.map((a) =>
                  el(
                    "li",
                    {},
                    `${a.name}: `,
                    el("span", { className: "money" }, `${a.balance} ${c.currency.code}`),
                    `, ${a.origination.effectiveRateTables.map((t) => t.name).join(", ") || "no rate tables"} `,
                    el("button", { type: "button", onclick: () => onEdit(a) }, "Edit"),
                  ),
                ),
              ),
        ),
      ),
    ),
  );
  table.hidden = false;
  return clients.nodes.flatMap((c) => c.accounts.nodes);
}
