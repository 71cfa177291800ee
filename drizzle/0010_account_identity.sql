-- Traffic identities the switch can tell apart (issue 15), in SQL drizzle-kit cannot express.
-- btree_gist gives GiST the `=` and `<>` operators the exclusion constraint needs next to inet's `&&`;
-- it is a trusted extension (Postgres 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- account_ips mirrors accounts.ips (one row per distinct address or network) with the account's tech
-- prefix and whether it is identified by IP. A trigger keeps it in sync for every write path: the API,
-- the demo seed, SQL run by hand.
CREATE FUNCTION account_ips_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM account_ips WHERE account_id = NEW.id;
  INSERT INTO account_ips (account_id, net, tech_prefix, ip_auth)
    SELECT DISTINCT NEW.id, n, coalesce(NEW.tech_prefix, ''), NEW.auth_type = 'ip' FROM unnest(NEW.ips) AS n;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_ips_sync AFTER INSERT OR UPDATE OF ips, tech_prefix, auth_type ON accounts
  FOR EACH ROW EXECUTE FUNCTION account_ips_sync();
--> statement-breakpoint
INSERT INTO account_ips (account_id, net, tech_prefix, ip_auth)
  SELECT DISTINCT a.id, n, coalesce(a.tech_prefix, ''), a.auth_type = 'ip' FROM accounts a CROSS JOIN LATERAL unnest(a.ips) AS n;
--> statement-breakpoint
-- Two IP-identified accounts may not hold overlapping addresses or networks with the same tech prefix:
-- the switch could not tell whose call it is. Decided here, so two simultaneous creates cannot both win.
-- On a database that already holds such a pair this statement fails and names both keys.
ALTER TABLE account_ips ADD CONSTRAINT account_ips_identity_excl
  EXCLUDE USING gist (tech_prefix WITH =, net inet_ops WITH &&, account_id WITH <>) WHERE (ip_auth);
