import { it } from "vitest";
import { startTestGateway } from "./support/gateway.js";

it("probe", async () => {
  const gw = await startTestGateway({ env: { NODE_ENV: "production", TRUST_PROXY_HOPS: "1" } });
  const show = async (label: string, r: Response) => console.log(label, r.status, r.headers.get("content-type"), (await r.text()).slice(0, 300));
  await show("var abc", await gw.post({ query: "query($n:Int){ clients(first:$n){ totalCount } }", variables: { n: "abc" } }));
  await show("missing var", await gw.post({ query: "query($n:Int!){ clients(first:$n){ totalCount } }", variables: {} }));
  await show("decimal num", await gw.post({ query: "mutation($v:Decimal!){ clientCreate(input:{partitionId:1,currencyId:1,name:\"x\",creditLimit:$v}){ userErrors{field code} } }", variables: { v: 1.5 } }));
  await show("nul", await gw.post({ query: "query($s:String){ clients(filter:{nameContains:$s}){ totalCount } }", variables: { s: "a\u0000b" } }));
  await show("nul cursor", await gw.post({ query: "query($s:String){ clients(after:$s){ totalCount } }", variables: { s: "a\u0000b" } }));
  await show("xff", await gw.post({ query: "{ __typename }" }, { "x-forwarded-for": "not-an-ip" }));
  await show("tokens", await gw.post({ query: `{ ${"__typename ".repeat(6000)} }` }));
  await show("aliases", await gw.post({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(" ")} }` }));
  await show("bad json", await gw.post("{bad"));
  await show("too big", await gw.post({ query: "{ __typename }", pad: "x".repeat(2_000_000) }));
  await show("date0", await gw.post({ query: 'mutation { rateCreate(input:{rateTableId:1, code:"44", effectiveFrom:"0000-01-01T00:00:00Z", value:"1"}){ userErrors{field code message} } }' }));
  await show("date feb30", await gw.post({ query: 'mutation { rateCreate(input:{rateTableId:1, code:"44", effectiveFrom:"2026-02-30T00:00:00Z", value:"1"}){ userErrors{field code message} } }' }));
  await gw.stop();
});
it("probe2", async () => {
  const gw = await startTestGateway({ env: { NODE_ENV: "production" } });
  const show = async (label: string, r: Response) => console.log(label, r.status, (await r.text()).slice(0, 400));
  await show("nul filter", await gw.post({ query: "query($s:String){ clients(filter:{nameContains:$s}){ totalCount } }", variables: { s: "a\u0000b" } }));
  await show("long filter", await gw.post({ query: "query($s:String){ clients(filter:{nameContains:$s}){ totalCount } }", variables: { s: "a".repeat(300) } }));
  await show("surrogate mutation", await gw.post({ query: "mutation($s:String!){ partitionCreate(input:{name:$s}){ partition { id } userErrors{field code message} } }", variables: { s: "a\ud800" } }));
  await show("nul specialRate", await gw.post({ query: "mutation($s:String!){ specialRateCreate(input:{rateTableId:1, codeName:$s, timeProfileId:1, effectiveFrom:\"2026-01-01T00:00:00Z\", value:\"1\"}){ specialRate { id } rates { id } userErrors{field code message} } }", variables: { s: "a\u0000" } }));
  await show("nul rateQuotes", await gw.post({ query: "query($s:String!){ rateQuotes(inputs:[{rateTableId:1, dstNumber:\"1\"},{rateTableId:1, dstNumber:$s}]){ cost } }", variables: { s: "4\u0000" } }));
  await show("nul codes", await gw.post({ query: "mutation($s:String!){ codesImport(input:{codeDeckId:1, codes:[{code:$s, name:\"x\"}]}){ inserted userErrors{field code message} } }", variables: { s: "4\u0000" } }));
  await gw.stop();
});
