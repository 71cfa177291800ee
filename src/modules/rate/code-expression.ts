/** The most codes one expression may produce, so a typo like "1-9999999" cannot create millions of rates. */
export const MAX_EXPANDED_CODES = 10_000;

export type CodeExpansion = { ok: true; codes: string[] } | { ok: false; message: string };

const CODE = /^[0-9A-Za-z_#*+]{1,32}$/;

/** A single code as rates and code decks store it: letters, digits and _#*+, 1 to 32 characters. */
export function isCode(text: string): boolean {
  return CODE.test(text);
}
const RANGE = /^(\d+)-(\d+)$/;
const GROUP = /\((\d)-(\d)\)/;

/**
 * Expands JeraSoft's code syntax: "44", "44301,44303", "44301-44303" (equal-length numeric range) and
 * "443(0-2)1" (a digit range in place), combinable with commas. Codes come back deduplicated, in order.
 */
export function expandCodes(expression: string): CodeExpansion {
  const codes = new Set<string>();
  for (const raw of expression.split(",")) {
    const part = raw.trim();
    if (part === "") return { ok: false, message: "has an empty item between commas" };
    const expanded = expandPart(part);
    if (typeof expanded === "string") return { ok: false, message: expanded };
    for (const code of expanded) {
      codes.add(code);
      if (codes.size > MAX_EXPANDED_CODES) return { ok: false, message: `expands to more than ${MAX_EXPANDED_CODES} codes` };
    }
  }
  return { ok: true, codes: [...codes] };
}

/** The codes of one comma-separated item, or why it is malformed. */
function expandPart(part: string): string[] | string {
  const range = RANGE.exec(part);
  if (range) {
    const [, from, to] = range as unknown as [string, string, string];
    if (from.length !== to.length) return `"${part}": both ends of a range need the same number of digits`;
    if (BigInt(from) > BigInt(to)) return `"${part}": the range runs backwards`;
    if (BigInt(to) - BigInt(from) >= BigInt(MAX_EXPANDED_CODES)) return `"${part}" expands to more than ${MAX_EXPANDED_CODES} codes`;
    const codes: string[] = [];
    for (let n = BigInt(from); n <= BigInt(to); n++) codes.push(n.toString().padStart(from.length, "0"));
    return codes;
  }
  const group = GROUP.exec(part);
  if (group) {
    const [whole, lo, hi] = group as unknown as [string, string, string];
    if (lo > hi) return `"${part}": the digit range (${lo}-${hi}) runs backwards`;
    const results: string[] = [];
    for (let d = Number(lo); d <= Number(hi); d++) {
      const rest = expandPart(part.replace(whole, String(d)));
      if (typeof rest === "string") return rest;
      results.push(...rest);
      if (results.length > MAX_EXPANDED_CODES) return `"${part}" expands to more than ${MAX_EXPANDED_CODES} codes`;
    }
    return results;
  }
  return isCode(part) ? [part] : `"${part.slice(0, 40)}" is not a code (letters, digits and _#*+, up to 32 characters)`;
}
