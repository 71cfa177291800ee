import { referenceType } from "../../reference-type.js";

const { type, connection } = referenceType("InvoiceTemplate", "A layout used to render an account's invoices.", "invoice templates");

export const InvoiceTemplate = type;
export type InvoiceTemplate = InstanceType<typeof type>;
export const InvoiceTemplateConnection = connection;
