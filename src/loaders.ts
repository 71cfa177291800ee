import DataLoader from "dataloader";

/**
 * A per-request loader that fetches many rows by id in one statement and hands each caller its own row
 * (or null). Created per request so one request never sees another's cache.
 */
export function byIdLoader<Row extends { id: number }>(fetch: (ids: readonly number[]) => Promise<Row[]>) {
  return new DataLoader<number, Row | null>(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
