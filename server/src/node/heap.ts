/**
 * How far the heap may grow between full collections. By default V8 lets it grow to up to four
 * times what is live before collecting again. Torii's work comes in one long burst (reading ten
 * thousand notes, then checking them), so the heap ran far past what was live: the server read
 * 80 MB from its index cache in a second and then checked every note to 390 MB of RSS without
 * another full collection. Growing by a fifth of what is live is enough here (bench/README.md:
 * at 10,000 notes, 50 % took the server's peak from 313 to 282 MB and `torii check`'s from 306 to
 * 273 MB; 20 % then took both about 15 MB lower again, `torii check` no slower and the server's
 * check of every note 0–5 % slower; 10 % made that check a fifth slower for nothing more).
 */

import * as v8 from 'v8';

export const HEAP_GROWING_PERCENT = 20;

/**
 * Sets the growth for this process and its worker threads; call it before the work begins.
 * `TORII_HEAP_GROWING_PERCENT=N` sets another (0: V8's own), for measuring.
 */
export function limitHeapGrowth(): void {
  const set = Number(process.env.TORII_HEAP_GROWING_PERCENT);
  const percent = process.env.TORII_HEAP_GROWING_PERCENT !== undefined && Number.isInteger(set) && set >= 0 ? set : HEAP_GROWING_PERCENT;
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
