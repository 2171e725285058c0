/**
 * How far the heap may grow between full collections. By default V8 lets it grow to up to four
 * times what is live before collecting again. Torii's work comes in one long burst (reading ten
 * thousand notes, then checking them), so the heap ran far past what was live: the server read
 * 80 MB from its index cache in a second and then checked every note to 390 MB of RSS without
 * another full collection. Growing by half what is live is enough here, and costs no time
 * measurably (bench/README.md: peak RSS at 10,000 notes, server 313 → 282 MB, `torii check`
 * 306 → 273 MB, wall time within the noise).
 */

import * as v8 from 'v8';

export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets the growth for this process and its worker threads; call it before the work begins.
 * `TORII_HEAP_GROWING_PERCENT=N` sets another (0: V8's own), for measuring.
 */
export function limitHeapGrowth(): void {
  const set = Number(process.env.TORII_HEAP_GROWING_PERCENT);
  const percent = process.env.TORII_HEAP_GROWING_PERCENT !== undefined && Number.isInteger(set) && set >= 0 ? set : HEAP_GROWING_PERCENT;
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
