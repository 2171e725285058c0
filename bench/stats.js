'use strict';

// The summaries the benchmarks print: a percentile of a set of timings, and the median of runs.

/** The value below which `p` percent of `values` fall (nearest rank); NaN when there are none. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The median of `values` (the mean of the middle two when there is an even number). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = { percentile, median };
