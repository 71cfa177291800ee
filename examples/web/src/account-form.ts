import { client, describeError } from "./client";
import { byId } from "./dom";
import type { AccountRow } from "./clients";
import { AccountUpdateDocument, type AccountUpdateMutation } from "./gql/graphql";

const FIELDS = ["name", "minBalance", "maxBalance"] as const;

/** The account form: edits name and balance limits with accountUpdate, and shows each userError by its field. */
export function accountForm(onSaved: () => void): (account: AccountRow) => void {
  const form = byId<HTMLFormElement>("account-form");
  const status = byId("account-status");
  const input = (name: (typeof FIELDS)[number]) => form.elements.namedItem(name) as HTMLInputElement;
  let accountId: string | null = null;

  const showErrors = (errors: AccountUpdateMutation["accountUpdate"]["userErrors"]) => {
    for (const slot of form.querySelectorAll<HTMLElement>("[data-error-for]")) slot.textContent = "";
    const elsewhere: string[] = [];
    for (const error of errors) {
      // field is the path into the arguments, e.g. ["input", "maxBalance"]; the form has a slot per input field.
      const name = FIELDS.find((f) => f === error.field?.[1]);
      const slot = name && form.querySelector<HTMLElement>(`[data-error-for="${name}"]`);
      if (slot) slot.textContent = `${error.message} (${error.code})`;
      else elsewhere.push(`${error.field?.join(".") ?? "input"}: ${error.message} (${error.code})`);
    }
    status.textContent = elsewhere.join("; ");
    status.className = errors.length ? "alert" : "";
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (accountId === null) return;
    const result = await client
      .mutation(AccountUpdateDocument, {
        id: accountId,
        input: { name: input("name").value, minBalance: input("minBalance").value, maxBalance: input("maxBalance").value },
      })
      .toPromise();
    if (result.error || !result.data) {
      showErrors([]);
      status.textContent = result.error ? describeError(result.error) : "No answer.";
      status.className = "alert";
      return;
    }
    const { account, userErrors } = result.data.accountUpdate;
    showErrors(userErrors);
    if (account) {
      status.textContent = `Saved ${account.name}: balance between ${account.minBalance} and ${account.maxBalance}.`;
      status.className = "ok";
      onSaved();
    }
  });

  return (account) => {
    accountId = account.id;
    for (const field of FIELDS) {
      input(field).value = account[field];
      input(field).disabled = false;
    }
    form.querySelector("button")!.disabled = false;
    showErrors([]);
    status.textContent = `Editing ${account.name}.`;
  };
}
