/**
 * Fractional index keys: strings over base-36 digits read as fractions in (0, 1), compared as plain strings.
 * A key never ends in '0', so a key strictly between any two distinct keys always exists.
 */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digit(key: string, i: number): number {
  const ch = key[i];
  return ch === undefined ? 0 : DIGITS.indexOf(ch);
}

/**
 * Returns a key strictly between `a` and `b` (null means the open end). Requires a < b when both are given.
 * Two replicas inserting at the same spot get the same key; sort siblings by (key, id) to break the tie.
 */
export function keyBetween(a: string | null, b: string | null): string {
  const lo = a ?? '';
  if (b !== null && lo >= b) throw new RangeError(`keyBetween: ${lo} is not below ${b}`);
  let out = '';
  for (let i = 0; ; i++) {
    const da = digit(lo, i);
    const db = b === null ? BASE : i < b.length ? digit(b, i) : 0;
    if (db - da > 1) return out + DIGITS[Math.floor((da + db) / 2)];
    // Adjacent or equal digits: keep a's digit and look further right, where b's bound no longer applies
    // once we are strictly below it.
    out += DIGITS[da];
    if (db - da === 1) return out + keyAbove(lo.slice(i + 1));
  }
}

/** A key strictly above the fraction `rest` (which may be empty), and below 1. */
function keyAbove(rest: string): string {
  let out = '';
  for (let i = 0; ; i++) {
    const d = digit(rest, i);
    if (d < BASE - 1) return out + DIGITS[Math.floor((d + BASE) / 2)];
    out += DIGITS[d];
  }
}

/** Returns `count` increasing keys between `a` and `b`, short and evenly spread when both ends are open. */
export function keysBetween(a: string | null, b: string | null, count: number): string[] {
  if (a === null && b === null) {
    let width = 1;
    while (BASE ** width < 2 * (count + 1)) width++;
    const span = BASE ** width;
    return Array.from({ length: count }, (_, i) =>
      Math.round(((i + 1) * span) / (count + 1))
        .toString(BASE)
        .padStart(width, '0')
        .replace(/0+$/, ''),
    );
  }
  const keys: string[] = [];
  let prev = a;
  for (let i = 0; i < count; i++) {
    prev = keyBetween(prev, b);
    keys.push(prev);
  }
  return keys;
}

/** A short replica-specific suffix appended to new keys so concurrent inserts rarely share a key. */
export function jitterFor(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  const n = (h >>> 0) % (BASE * BASE);
  const first = DIGITS[Math.floor(n / BASE)] ?? '0';
  const second = DIGITS[(n % (BASE - 1)) + 1] ?? '1';
  return first + second;
}

/** Key for a new sibling between `a` and `b`, jittered by the new node's id, still strictly between them. */
export function positionBetween(a: string | null, b: string | null, id: string): string {
  const key = keyBetween(a, b);
  const jittered = key + jitterFor(id);
  return b === null || jittered < b ? jittered : key;
}
