/**
 * Exact utilities for deciding dominance and feasibility.
 *
 * How a number of the domain is read. Weights, option values and reservation values arrive as
 * binary64 numbers (parsed from YAML, JSON or XML). Each is read as a rational: the first
 * continued-fraction convergent of its binary64 value whose denominator is at most 10^6 and that
 * rounds back to the same binary64 number; when there is none, its shortest round-trip decimal
 * (`String(x)`). This recovers what was written — `0.16` is 4/25, `33.3` is 333/10 — and the fractions
 * the GENIUS normalisation makes (an evaluation 5 of a largest 9 is 500/9 on 0–100), because a
 * rational p/q with q ≤ 10^6 lies within half a unit in the last place of a number of magnitude below
 * a few thousand only if it is a convergent of it (Legendre's theorem), and two such rationals cannot
 * both round to one binary64 value.
 *
 * Scaled integers. For party p with weights w_pi (total W_p) and option values v_pio, utility on 0–100
 * is u_p = Σ_i w_pi·v_pio / W_p. Dominance and feasibility compare utilities of one party at a time,
 * so each party gets its own integer scale K_p (the least common multiple of the denominators of its
 * products w_pi·v_pio) and works with the integers N_pio = K_p·w_pi·v_pio: u_p ≥ u'_p exactly when
 * Σ N ≥ Σ N', and u_p ≥ r_p exactly when Σ N ≥ ⌈K_p·W_p·r_p⌉.
 *
 * Limbs. The integers are held as `m` limbs of {@link LIMB_BITS} bits in binary64 numbers (most
 * significant first, one party after another), so that sums and comparisons are exact float
 * operations: adding two normalised numbers gives limbs below 2^49 and one carry pass normalises
 * them. Most domains need one limb (every sum below 2^48); weights with 17 significant digits need two.
 */
import type { CompiledDomain } from './domain.js';

/** Bits per limb: the sum of two limbs stays below 2^53, so float addition is exact. */
export const LIMB_BITS = 48;
const BASE = 2 ** LIMB_BITS;
const BIG_BASE = 1n << BigInt(LIMB_BITS);

/** A rational n/d with d > 0 (not necessarily reduced). */
export interface Rational {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Least common multiple of positive integers. */
export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** Reduce a rational to lowest terms (denominator > 0). */
export function reduce(r: Rational): Rational {
  const g = gcd(r.n, r.d) || 1n;
  return r.d < 0n ? { n: -r.n / g, d: -r.d / g } : { n: r.n / g, d: r.d / g };
}

/** Exact value of a finite binary64 number as a rational with a power-of-two denominator. */
function dyadic(x: number): Rational {
  if (x === 0) return { n: 0n, d: 1n };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  return e >= 0 ? { n: sign * (mant << BigInt(e)), d: 1n } : reduce({ n: sign * mant, d: 1n << BigInt(-e) });
}

/** The shortest round-trip decimal of x as a rational. */
function decimalOf(x: number): Rational {
  const r = parseDecimal(String(x));
  if (!r) throw new RangeError(`not a finite number: ${x}`);
  return r;
}

/**
 * A decimal numeral (`-12.5`, `0.16`, `1e-7`, `+3.`) as an exact rational, or null when `text` is not one.
 */
export function parseDecimal(text: string): Rational | null {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  if (m[1] === '+') m[1] = '';
  const digits = BigInt((m[2] ?? '') + (m[3] ?? '') || '0');
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return null;
  const n = m[1] ? -digits : digits;
  return reduce(exp >= 0 ? { n: n * 10n ** BigInt(exp), d: 1n } : { n, d: 10n ** BigInt(-exp) });
}

/** The binary64 number nearest a rational (correctly rounded when both parts are below 2^53). */
export function toNumber(r: Rational): number {
  const lim = 1n << 53n;
  if ((r.n < 0n ? -r.n : r.n) < lim && r.d < lim) return Number(r.n) / Number(r.d);
  // Scale both parts down to 60 significant bits; the result is within a few ulps.
  const shift = (x: bigint) => Math.max(0, (x < 0n ? -x : x).toString(2).length - 60);
  const k = Math.max(shift(r.n), shift(r.d));
  return (Number(r.n >> BigInt(k)) / Number(r.d >> BigInt(k)));
}

/** Largest denominator tried among the continued-fraction convergents (see the module comment). */
export const MAX_SIMPLE_DENOMINATOR = 1_000_000n;

/**
 * The rational a binary64 number stands for (see the module comment): the first convergent with
 * denominator ≤ 10^6 that rounds back to x, else the shortest round-trip decimal.
 * @throws RangeError for NaN or ±Infinity
 */
export function rationalOf(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { n: BigInt(x), d: 1n };
  const exact = dyadic(x);
  // Convergents h/k of exact.n / exact.d by Euclid's algorithm.
  let [a, b] = [exact.n, exact.d];
  let [h0, h1] = [0n, 1n];
  let [k0, k1] = [1n, 0n];
  while (b !== 0n) {
    let q = a / b;
    if (a < 0n && q * b !== a) q -= 1n; // floor for negatives
    [a, b] = [b, a - q * b];
    [h0, h1] = [h1, q * h1 + h0];
    [k0, k1] = [k1, q * k1 + k0];
    if (k1 > MAX_SIMPLE_DENOMINATOR) break;
    if (Number(h1) / Number(k1) === x) return reduce({ n: h1, d: k1 });
  }
  return decimalOf(x);
}

/** Ceiling of a rational. */
function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d < n ? q + 1n : q;
}

/**
 * A compiled domain's exact side: per party p, the integers N_pio, the feasibility threshold and the
 * scale back to 0–100. Limbs are laid out party-major: value of party p is limbs [p·m, p·m + m).
 */
export interface ExactDomain {
  nParties: number;
  nIssues: number;
  /** Limbs per party value. */
  m: number;
  /** `contrib[i][o]`: the option's P·m limbs. */
  contrib: Float64Array[][];
  /** Σ N ≥ threshold ⇔ u_p ≥ r_p; P·m limbs. */
  threshold: Float64Array;
  /** K_p·W_p: utility on 0–100 = (Σ N_p) / scale_p. */
  scale: Rational[];
  /** The integers themselves, for callers that want BigInt (`N[i][o][p]`). */
  N: bigint[][][];
}

/** Split a non-negative BigInt into `m` limbs (most significant first) at `out[off…]`. */
export function toLimbs(v: bigint, m: number, out: Float64Array, off: number): void {
  if (v < 0n) throw new RangeError('negative value');
  for (let j = m - 1; j >= 0; j--) {
    out[off + j] = Number(v & (BIG_BASE - 1n));
    v >>= BigInt(LIMB_BITS);
  }
  if (v !== 0n) throw new RangeError('value does not fit the limbs');
}

/** The BigInt of `m` limbs at `a[off…]`. */
export function fromLimbs(a: ArrayLike<number>, m: number, off: number): bigint {
  let v = 0n;
  for (let j = 0; j < m; j++) v = (v << BigInt(LIMB_BITS)) + BigInt(a[off + j]!);
  return v;
}

/**
 * out[oo…] = a[ao…] + b[bo…] for P values of m normalised limbs each, exactly (one carry pass).
 */
export function addLimbs(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, out: Float64Array, oo: number, P: number, m: number): void {
  if (m === 1) {
    for (let p = 0; p < P; p++) out[oo + p] = a[ao + p]! + b[bo + p]!;
    return;
  }
  for (let p = 0; p < P; p++) {
    let carry = 0;
    for (let j = m - 1; j >= 0; j--) {
      const k = p * m + j;
      let s = a[ao + k]! + b[bo + k]! + carry;
      if (s >= BASE) {
        s -= BASE;
        carry = 1;
      } else carry = 0;
      out[oo + k] = s;
    }
    if (carry) throw new RangeError('exact sum overflowed its limbs');
  }
}

/** Compare party p's values: sign of a − b (limbs at offsets ao, bo). */
export function cmpParty(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, p: number, m: number): number {
  for (let j = 0; j < m; j++) {
    const d = a[ao + p * m + j]! - b[bo + p * m + j]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Compile the exact side of a compiled domain (see the module comment). */
export function compileExact(c: CompiledDomain): ExactDomain {
  const d = c.domain;
  const P = c.nParties;
  const I = c.nIssues;
  const prods: Rational[][][] = d.issues.map((iss) => iss.options.map(() => []));
  const scale: Rational[] = [];
  const K: bigint[] = [];
  const thresholdBig: bigint[] = [];
  d.profiles.forEach((prof, p) => {
    let W: Rational = { n: 0n, d: 1n };
    let Kp = 1n;
    d.issues.forEach((iss, i) => {
      const w = rationalOf(prof.weights[iss.id] ?? 0);
      W = reduce({ n: W.n * w.d + w.n * W.d, d: W.d * w.d });
      iss.options.forEach((o, j) => {
        const v = w.n === 0n ? { n: 0n, d: 1n } : rationalOf(prof.values[iss.id]?.[o.id] ?? 0);
        const q = reduce({ n: w.n * v.n, d: w.d * v.d });
        prods[i]![j]![p] = q;
        Kp = lcm(Kp, q.d);
      });
    });
    K.push(Kp);
    // scale_p = K_p · W_p; threshold = ⌈K_p · W_p · r_p⌉
    const sc = reduce({ n: Kp * W.n, d: W.d });
    scale.push(sc);
    const r = rationalOf(prof.reservation);
    const t = r.n <= 0n ? 0n : ceilDiv(sc.n * r.n, sc.d * r.d);
    thresholdBig.push(t);
  });
  const N: bigint[][][] = prods.map((os) => os.map((q) => q.map((x, p) => (x.n * K[p]!) / x.d)));
  // Limbs needed: the largest possible sum of any party, or the largest threshold.
  let biggest = 0n;
  for (let p = 0; p < P; p++) {
    let s = 0n;
    for (let i = 0; i < I; i++) {
      let mx = 0n;
      for (const v of N[i]!) if (v[p]! > mx) mx = v[p]!;
      s += mx;
    }
    if (s > biggest) biggest = s;
    if (thresholdBig[p]! > biggest) biggest = thresholdBig[p]!;
  }
  let m = 1;
  while (biggest >= 1n << BigInt(LIMB_BITS * m)) m++;
  const contrib = N.map((os) =>
    os.map((v) => {
      const a = new Float64Array(P * m);
      for (let p = 0; p < P; p++) toLimbs(v[p]!, m, a, p * m);
      return a;
    }),
  );
  const threshold = new Float64Array(P * m);
  for (let p = 0; p < P; p++) toLimbs(thresholdBig[p]!, m, threshold, p * m);
  return { nParties: P, nIssues: I, m, contrib, threshold, scale, N };
}

/** Exact scaled utilities Σ_i N_{p,i,o_i} of an outcome (one BigInt per party). */
export function exactSums(x: ExactDomain, outcome: ArrayLike<number>): bigint[] {
  const s = new Array<bigint>(x.nParties).fill(0n);
  for (let i = 0; i < x.nIssues; i++) {
    const v = x.N[i]![outcome[i]!]!;
    for (let p = 0; p < x.nParties; p++) s[p]! += v[p]!;
  }
  return s;
}

/** Exact utility (0–100) of party p for scaled sum `sum`, as a reduced rational. */
export function exactUtility(x: ExactDomain, p: number, sum: bigint): Rational {
  const sc = x.scale[p]!;
  return reduce({ n: sum * sc.d, d: sc.n });
}

/** Is the outcome feasible in exact arithmetic: every party at or above its reservation (red lines not checked)? */
export function meetsReservations(x: ExactDomain, sums: bigint[]): boolean {
  return sums.every((s, p) => s >= fromLimbs(x.threshold, x.m, p * x.m));
}

/** Does party p's scaled sum reach its reservation value (exactly)? */
export function meetsReservation(x: ExactDomain, p: number, sum: bigint): boolean {
  return sum >= fromLimbs(x.threshold, x.m, p * x.m);
}
