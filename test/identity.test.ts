import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents } from "../src/db/schema.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import {
  AccountCreateDocument,
  AccountDeleteDocument,
  AccountsByIdentityDocument,
  AccountUpdateDocument,
  type AccountCreateInput,
  type AccountFilter,
  type AccountIdentificationInput,
} from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type Requester, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;
/** An OPERATOR key confined to partition A. */
let keyA: Requester;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
  keyA = gw.withKey((await createApiKey(gw.database.db, { name: "A operator", role: "operator", partitionId: Number(w.partitionA) })).key);
});
afterAll(() => gw?.stop());

let seq = 0;
const create = async (identification: AccountIdentificationInput, extra: Partial<AccountCreateInput> = {}, as: Requester = gw) =>
  dataOf(await as.request(AccountCreateDocument, { input: { clientId: w.clientA, name: `id-${++seq}`, identification, ...extra } })).accountCreate;
const created = async (identification: AccountIdentificationInput, extra: Partial<AccountCreateInput> = {}) => {
  const result = await create(identification, extra);
  expect(result.userErrors).toEqual([]);
  return result.account!;
};
const update = async (id: string, identification: AccountIdentificationInput) =>
  dataOf(await gw.request(AccountUpdateDocument, { id, input: { identification } })).accountUpdate;
const find = async (filter: AccountFilter, as: Requester = gw) => dataOf(await as.request(AccountsByIdentityDocument, { filter })).accounts.nodes.map((a) => a.name).sort();
const counts = async () => ({ accounts: await gw.database.db.$count(accounts), audit: await gw.database.db.$count(auditEvents) });

describe(`accounts(filter: { ip, ani, authName, techPrefix }) (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("finds whose traffic an address is: exact addresses and networks containing it", async () => {
    const host = await created({ authType: "IP", ips: ["203.0.113.7"] });
    const net = await created({ authType: "IP", ips: ["203.0.113.0/24"], techPrefix: "9#" });
    const wide = await created({ authType: "IP", ips: ["203.0.0.0/16"], techPrefix: "8#" });
    const narrow = await created({ authType: "IP", ips: ["203.0.113.128/25"], techPrefix: "7#" });
    const byName = await created({ authType: "NAME", authName: "lists-an-ip", ips: ["203.0.113.7"] });
    const v6 = await created({ authType: "IP", ips: ["2001:db8:abcd::/48"] });
    expect(await find({ ip: "203.0.113.7" })).toEqual([host.name, net.name, wide.name, byName.name].sort());
    expect(await find({ ip: " 203.0.113.200 " })).toEqual([net.name, wide.name, narrow.name].sort());
    expect(await find({ ip: "203.0.113.0/24" })).toEqual([net.name, wide.name].sort());
    expect(await find({ ip: "203.0.114.1" })).toEqual([wide.name]);
    expect(await find({ ip: "203.0.113.7", techPrefix: "9#" })).toEqual([net.name]);
    expect(await find({ ip: "2001:db8:abcd:1::5" })).toEqual([v6.name]);
    expect(await find({ ip: "2001:db8:abce::1" })).toEqual([]);
  });

  it("matches ANI, auth name and tech prefix exactly", async () => {
    const ani = await created({ authType: "ANI", ani: "380501112233", techPrefix: "55#" });
    const name = await created({ authType: "NAME", authName: "Trunk-Exact" });
    expect(await find({ ani: "380501112233" })).toEqual([ani.name]);
    expect(await find({ ani: "38050111223" })).toEqual([]);
    expect(await find({ authName: "Trunk-Exact" })).toEqual([name.name]);
    expect(await find({ authName: "trunk-exact" })).toEqual([]);
    expect(await find({ authName: "Trunk" })).toEqual([]);
    expect(await find({ techPrefix: "55#" })).toEqual([ani.name]);
    expect(await find({ techPrefix: "55" })).toEqual([]);
  });

  it("follows the account as it changes and goes", async () => {
    const account = await created({ authType: "IP", ips: ["198.18.0.1"] });
    await update(account.id, { ips: ["198.18.0.2"] });
    expect(await find({ ip: "198.18.0.1" })).toEqual([]);
    expect(await find({ ip: "198.18.0.2" })).toEqual([account.name]);
    expect(dataOf(await gw.request(AccountDeleteDocument, { id: account.id })).accountDelete.deletedId).toBe(account.id);
    expect(await find({ ip: "198.18.0.2" })).toEqual([]);
  });

  it.each(["not-an-ip", "300.1.1.1", "10.0.0.0/33", "", "10.0.0.1; drop table accounts"])("refuses ip %j with BAD_USER_INPUT naming the argument", async (ip) => {
    const result = await gw.request(AccountsByIdentityDocument, { filter: { ip } });
    expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "filter.ip" }) })]);
  });
});

describe("identities that would catch the same traffic", () => {
  it("refuses a second account with the same ANI or auth name, naming the first", async () => {
    const ani = await created({ authType: "ANI", ani: "442071234567" });
    const name = await created({ authType: "NAME", authName: "shared-login" });
    const before = await counts();
    const dupAni = await create({ authType: "ANI", ani: " 442071234567 ", techPrefix: "1#" });
    expect(dupAni.account).toBeNull();
    expect(dupAni.userErrors).toEqual([
      { field: ["input", "identification", "ani"], code: "CONFLICT", message: `account "${ani.name}" (id ${ani.id}) is already identified by this ANI; the switch could not tell whose call it is` },
    ]);
    const dupName = await create({ authType: "NAME", authName: "shared-login" }, { clientId: w.otherClientA });
    expect(dupName.userErrors).toEqual([expect.objectContaining({ field: ["input", "identification", "authName"], code: "CONFLICT", message: expect.stringContaining(`"${name.name}" (id ${name.id})`) })]);
    expect(await counts()).toEqual(before);
    // Another method does not identify by that field, so it catches no traffic with it.
    await created({ authType: "NAME", authName: "other-login", ani: "442071234567" });
    await created({ authType: "ANI", ani: "shared-login" });
  });

  it.each([
    ["the same address", ["198.51.100.50"], ["198.51.100.50"], "198.51.100.50, which overlaps 198.51.100.50,"],
    ["an address inside its network", ["198.51.101.0/26"], ["198.51.101.1", "198.51.101.63"], "198.51.101.0/26, which overlaps 198.51.101.1,"],
    ["a network around its address", ["198.51.102.100"], ["198.51.102.96/28"], "198.51.102.100, which overlaps 198.51.102.96/28,"],
    ["an overlapping IPv6 network", ["2001:db8:1::/48"], ["2001:db8:1:2::/64"], "2001:db8:1::/48, which overlaps 2001:db8:1:2::/64,"],
  ])("refuses IP identification by %s with the same tech prefix", async (_case, theirs, mine, overlap) => {
    const first = await created({ authType: "IP", ips: theirs, techPrefix: "42#" });
    const result = await create({ authType: "IP", ips: mine, techPrefix: " 42# " });
    expect(result.userErrors).toEqual([
      {
        field: ["input", "identification", "ips"],
        code: "CONFLICT",
        message: `account "${first.name}" (id ${first.id}) already holds ${overlap} with the same tech prefix; the switch could not tell whose call it is`,
      },
    ]);
    // A different tech prefix tells the calls apart.
    await created({ authType: "IP", ips: mine, techPrefix: "43#" });
    expect((await update(first.id, { techPrefix: null })).userErrors).toEqual([]);
    expect((await create({ authType: "IP", ips: mine })).userErrors[0]?.code).toBe("CONFLICT");
  });

  it("allows addresses that do not overlap, overlaps within one account, and IPs listed by other methods", async () => {
    await created({ authType: "IP", ips: ["192.0.2.128/26"] });
    await created({ authType: "IP", ips: ["192.0.2.192/26", "192.0.2.200"] });
    await created({ authType: "NAME", authName: "also-at-128", ips: ["192.0.2.130"] });
    expect((await create({ authType: "IP", ips: ["192.0.2.130"] })).userErrors[0]?.code).toBe("CONFLICT");
  });

  it("checks updates against the merged identification, not against the account itself", async () => {
    const first = await created({ authType: "IP", ips: ["100.64.0.0/24"], techPrefix: "1#" });
    const second = await created({ authType: "NAME", authName: "becomes-ip", ips: ["100.64.0.9"], techPrefix: "1#" });
    const toIp = await update(second.id, { authType: "IP" });
    expect(toIp.userErrors).toEqual([expect.objectContaining({ field: ["input", "identification", "ips"], code: "CONFLICT", message: expect.stringContaining(`(id ${first.id})`) })]);
    const third = await created({ authType: "IP", ips: ["100.64.0.9"], techPrefix: "2#" });
    expect((await update(third.id, { techPrefix: "1#" })).userErrors).toEqual([expect.objectContaining({ field: ["input", "identification", "ips"], code: "CONFLICT" })]);
    expect((await update(first.id, { ips: ["100.64.0.0/24", "100.64.0.7"], techPrefix: "1#" })).userErrors).toEqual([]);
    const ani = await created({ authType: "ANI", ani: "15550001" });
    const other = await created({ authType: "ANI", ani: "15550002" });
    expect((await update(other.id, { ani: "15550001" })).userErrors).toEqual([expect.objectContaining({ field: ["input", "identification", "ani"], message: expect.stringContaining(`(id ${ani.id})`) })]);
    expect((await update(ani.id, { ani: "15550001", techPrefix: "3#" })).userErrors).toEqual([]);
  });

  it("refuses an identity held in another partition without disclosing that account", async () => {
    const nameB = `hidden-${++seq}`;
    const inB = dataOf(
      await gw.request(AccountCreateDocument, {
        input: { clientId: w.clientB, name: nameB, identification: { authType: "IP", ips: ["172.16.9.0/24"], ani: "4930123456" } },
      }),
    ).accountCreate.account!;
    await gw.request(AccountCreateDocument, { input: { clientId: w.clientB, name: `${nameB}-ani`, identification: { authType: "ANI", ani: "4930999999" } } });
    const byIp = await create({ authType: "IP", ips: ["172.16.9.77"] }, {}, keyA);
    expect(byIp.userErrors).toEqual([
      {
        field: ["input", "identification", "ips"],
        code: "CONFLICT",
        message: "an account of another partition (not visible to this API key) already holds an address or network overlapping 172.16.9.77 with the same tech prefix; the switch could not tell whose call it is",
      },
    ]);
    const byAni = await create({ authType: "ANI", ani: "4930999999" }, {}, keyA);
    expect(byAni.userErrors).toEqual([expect.objectContaining({ field: ["input", "identification", "ani"], code: "CONFLICT" })]);
    for (const message of [...byIp.userErrors, ...byAni.userErrors].map((e) => e.message)) {
      expect(message).not.toContain(nameB);
      expect(message).not.toContain(inB.id);
      expect(message).not.toContain("172.16.9.0");
    }
    // A's key cannot find it by its address either, while an unconfined key can.
    expect(await find({ ip: "172.16.9.77" }, keyA)).toEqual([]);
    expect(await find({ ip: "172.16.9.77" })).toEqual([nameB]);
    // The unconfined key is told whose it is.
    expect((await create({ authType: "IP", ips: ["172.16.9.77"] })).userErrors[0]?.message).toContain(`"${nameB}" (id ${inB.id})`);
  });

  it("lets exactly one of several simultaneous creates with the same IP, ANI or auth name win", async () => {
    for (const identification of [
      { authType: "IP", ips: ["10.250.0.1"], techPrefix: "race#" },
      { authType: "ANI", ani: "19995550000" },
      { authType: "NAME", authName: "race-login" },
    ] as AccountIdentificationInput[]) {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create(identification, { clientId: i % 2 ? w.clientA : w.clientB })));
      expect(results.filter((r) => r.account !== null)).toHaveLength(1);
      const field = identification.authType === "IP" ? "ips" : identification.authType === "ANI" ? "ani" : "authName";
      expect(results.flatMap((r) => r.userErrors).map((e) => [e.field, e.code])).toEqual(Array(7).fill([["input", "identification", field], "CONFLICT"]));
    }
  });

  it("is enforced by the database for writes that bypass the API", async () => {
    const db = gw.database.db;
    await created({ authType: "IP", ips: ["10.251.0.0/16"] });
    const [client] = await db.execute(sql`select ${Number(w.clientA)}::int as id`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows));
    expect(client).toBeDefined();
    const insert = (name: string, ips: string, authType = "ip", techPrefix: string | null = null) =>
      db.execute(sql`insert into accounts (client_id, partition_id, name, auth_type, ips, tech_prefix) values (${Number(w.clientA)}, ${Number(w.partitionA)}, ${name}, ${authType}::auth_type, ${`{${ips}}`}::inet[], ${techPrefix})`);
    await expect(insert("raw-overlap", "10.251.3.4")).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23P01" }) });
    await insert("raw-other-prefix", "10.251.3.4", "ip", "raw#");
    await expect(db.execute(sql`update accounts set tech_prefix = null where name = 'raw-other-prefix'`)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23P01" }) });
    await expect(db.execute(sql`insert into accounts (client_id, partition_id, name, auth_type, ani) values (${Number(w.clientA)}, ${Number(w.partitionA)}, 'raw-ani-1', 'ani', '700'), (${Number(w.clientA)}, ${Number(w.partitionA)}, 'raw-ani-2', 'ani', '700')`)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "23505" }),
    });
  });
});
