// A Lighthouse-style performance score from metrics measured in Chromium. Lighthouse 10–12 score
// each metric on a log-normal curve given by its 10th percentile and median (from HTTP Archive
// data), then take a weighted mean. Speed Index is not measured here; LCP stands in for it.

export type Vitals = { fcp: number; lcp: number; tbt: number; cls: number };

type Curve = { p10: number; median: number };
const CURVES: Record<"mobile" | "desktop", Record<"fcp" | "si" | "lcp" | "tbt" | "cls", Curve>> = {
  mobile: { fcp: { p10: 1800, median: 3000 }, si: { p10: 3387, median: 5800 }, lcp: { p10: 2500, median: 4000 }, tbt: { p10: 200, median: 600 }, cls: { p10: 0.1, median: 0.25 } },
  desktop: { fcp: { p10: 934, median: 1600 }, si: { p10: 1311, median: 2300 }, lcp: { p10: 1200, median: 2400 }, tbt: { p10: 150, median: 350 }, cls: { p10: 0.1, median: 0.25 } },
};
const WEIGHTS = { fcp: 0.1, si: 0.1, lcp: 0.25, tbt: 0.3, cls: 0.25 };

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), as Lighthouse's own statistics module uses. */
function erf(x: number): number {
  const sign = Math.sign(x);
  x = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}

/** Lighthouse's getLogNormalScore. */
export function logNormalScore({ p10, median }: Curve, value: number): number {
  if (value <= 0) return 1;
  const INVERSE_ERFC_ONE_FIFTH = 0.9061938024368232;
  const xLogRatio = Math.log(Math.max(Number.MIN_VALUE, value / median));
  const p10LogRatio = -Math.log(Math.max(Number.MIN_VALUE, p10 / median));
  const standardizedX = (xLogRatio * INVERSE_ERFC_ONE_FIFTH) / p10LogRatio;
  const complementaryPercentile = (1 - erf(standardizedX)) / 2;
  let score: number;
  if (value <= p10) score = Math.max(0.9, Math.min(1, complementaryPercentile));
  else if (value <= median) score = Math.max(0.5, Math.min(0.89999999999999, complementaryPercentile));
  else score = Math.max(0, Math.min(0.49999999999999, complementaryPercentile));
  return score;
}

export function lighthouseStyleScore(v: Vitals, formFactor: "mobile" | "desktop") {
  const c = CURVES[formFactor];
  const parts = {
    fcp: logNormalScore(c.fcp, v.fcp),
    si: logNormalScore(c.si, v.lcp),
    lcp: logNormalScore(c.lcp, v.lcp),
    tbt: logNormalScore(c.tbt, v.tbt),
    cls: logNormalScore(c.cls, v.cls),
  };
  const score = (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).reduce((s, k) => s + WEIGHTS[k] * parts[k], 0);
  return { score: Math.round(score * 100) / 100, parts };
}
