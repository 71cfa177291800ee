import { accountForm } from "./account-form";
import { showClients } from "./clients";
import { rateQuoteForm } from "./rate-quote";

const setQuoteAccounts = rateQuoteForm();
const edit = accountForm(() => void showClients(edit));
setQuoteAccounts(await showClients(edit));
