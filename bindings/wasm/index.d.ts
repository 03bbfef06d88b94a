// Type declarations of the npm package `o2okit` (hand-written; they mirror the core's wire
// format, see testdata/vectors/README.md in the repository).

/**
 * An exact decimal written as a string: `"12.30"`, `"-5"`, `"1E-7"`. No spaces, no
 * thousands separators. Money amounts must be strings; a JS `number` is rejected with the
 * code `number_for_money`.
 */
export type Decimal = string;

/** An ISO 4217 currency code such as `"CNY"`, `"JPY"` or `"KWD"` (case-insensitive on input). */
export type CurrencyCode = string;

/**
 * An exact amount of money. Outputs always carry exactly the currency's minor units
 * (`"12.30"` for CNY, `"1500"` for JPY, `"10.000"` for KWD).
 */
export interface Money {
  amount: Decimal;
  currency: CurrencyCode;
}

/** A rounding mode; `half_even` (banker's rounding) is the default everywhere. */
export type Rounding = 'half_even' | 'half_up' | 'half_down' | 'up' | 'down' | 'ceiling' | 'floor';

/** Every stable error code. Codes are never renamed or reused once released. */
export type ErrorCode =
  | 'unknown_currency'
  | 'currency_mismatch'
  | 'amount_out_of_range'
  | 'invalid_decimal'
  | 'too_many_decimals'
  | 'number_for_money'
  | 'unknown_rounding'
  | 'invalid_step'
  | 'not_on_step'
  | 'empty_weights'
  | 'zero_weights'
  | 'negative_weight'
  | 'length_mismatch'
  | 'negative_cap'
  | 'caps_insufficient'
  | 'invalid_json'
  | 'unknown_function';

/** The broad family of an error. */
export type ErrorCategory = 'currency' | 'money' | 'allocation' | 'input';

/** The wire names of the functions `call` knows. */
export type FunctionName =
  | 'allocate'
  | 'currency'
  | 'money.parse'
  | 'money.add'
  | 'money.sub'
  | 'money.multiply'
  | 'money.round_to_step';

/** What to split, and how: the input of `allocate`. */
export interface AllocationRequest {
  /** The amount to split (may be negative: it then splits symmetrically). */
  total: Money;
  /**
   * One non-negative weight per party, as decimal strings. Whole JS numbers are accepted
   * too; a non-integer number is rejected (`invalid_decimal`): write `"0.5"`, not `0.5`.
   */
  weights: (Decimal | number)[];
  /** Optional maximum per party (`null` for no cap); same length as `weights`. */
  caps?: (Money | null)[];
  /** Optional cash step such as `"0.05"`: split in whole steps instead of minor units. */
  step?: Decimal;
}

/** One party's part of an allocation, with its explanation. */
export interface AllocationPart {
  /** The amount allocated to this party. */
  amount: Money;
  /** The weight it was given, as a decimal string. */
  weight: Decimal;
  /**
   * Its exact proportional share, signed like the total (20 decimals, truncated). For a
   * capped party, its cap.
   */
  exact_share: Decimal;
  /** The fractional part of its share, as a fraction of one unit (0 ≤ r < 1). */
  remainder: Decimal;
  /** Whether it received one of the leftover units. */
  extra_unit: boolean;
  /** Whether its cap limited it. */
  capped: boolean;
}

/** The result of `allocate`: the parts, in the order of the weights; they add up to `total`. */
export interface Allocation {
  /** The amount that was split. */
  total: Money;
  /** The unit the split was made in: the currency's minor unit or the cash step. */
  unit: Money;
  /** How many leftover units were handed out by largest remainder. */
  leftover_units: number;
  /** One part per weight, in the same order. */
  parts: AllocationPart[];
}

/** What `currency(code)` returns. */
export interface CurrencyDescription {
  /** The ISO 4217 code, upper case. */
  code: CurrencyCode;
  /** Decimals of the minor unit (JPY 0, CNY 2, KWD 3). */
  minor_units: number;
  /** The ISO 4217 English name. */
  name: string;
}

/** The `details` object of an `O2OError`: what the CLI prints for an error. */
export interface ErrorDetails {
  code: ErrorCode;
  category: ErrorCategory;
  message: string;
}

/** The error every o2okit function throws (a real `Error`). */
export declare class O2OError extends Error {
  constructor(message: string, code: ErrorCode, category?: ErrorCategory, details?: ErrorDetails);
  readonly name: 'O2OError';
  /** The stable machine-readable code. */
  readonly code: ErrorCode;
  /** The broad family of the error. */
  readonly category: ErrorCategory;
  /** `{code, category, message}`. */
  readonly details: ErrorDetails;
}

/** The input of each wire function. */
export interface FunctionInputs {
  allocate: AllocationRequest;
  currency: { code: CurrencyCode };
  'money.parse': { amount: Decimal; currency: CurrencyCode; rounding?: Rounding };
  'money.add': { a: Money; b: Money };
  'money.sub': { a: Money; b: Money };
  'money.multiply': { money: Money; factor: Decimal | number; rounding?: Rounding };
  'money.round_to_step': { money: Money; step: Decimal | number; rounding?: Rounding };
}

/** The output of each wire function. */
export interface FunctionOutputs {
  allocate: Allocation;
  currency: CurrencyDescription;
  'money.parse': Money;
  'money.add': Money;
  'money.sub': Money;
  'money.multiply': Money;
  'money.round_to_step': Money;
}

/**
 * Split money by weights with the largest remainder method on whole minor units (or cash
 * steps). The parts always add up to the total; equal remainders go to the earlier party.
 */
export function allocate(request: AllocationRequest): Allocation;

/** Look up an ISO 4217 currency (case-insensitive). */
export function currency(code: CurrencyCode): CurrencyDescription;

/**
 * Parse an exact decimal string as money. More decimals than the currency allows is an
 * error (`too_many_decimals`) unless a rounding mode is given.
 */
export function parseMoney(amount: Decimal, currency: CurrencyCode, rounding?: Rounding): Money;

/** `a + b`; both in the same currency (`currency_mismatch` otherwise). */
export function addMoney(a: Money, b: Money): Money;

/** `a - b`; both in the same currency (`currency_mismatch` otherwise). */
export function subtractMoney(a: Money, b: Money): Money;

/** `money × factor`, rounded to the minor unit (default `half_even`). */
export function multiplyMoney(money: Money, factor: Decimal | number, rounding?: Rounding): Money;

/** Round to a whole number of cash steps such as CHF `"0.05"` (default `half_even`). */
export function roundToStep(money: Money, step: Decimal | number, rounding?: Rounding): Money;

/**
 * Call a function by its wire name with its wire input (the JSON shape, as an object). A
 * known name is typed by `FunctionInputs` / `FunctionOutputs`; any other name is accepted
 * (and fails at run time with `unknown_function`).
 */
export function call<F extends FunctionName>(functionName: F, input: FunctionInputs[F]): FunctionOutputs[F];
export function call<S extends string>(functionName: S & (S extends FunctionName ? never : S), input: unknown): unknown;

/** The version of the o2okit core inside the WebAssembly module. */
export function version(): string;

/** The wire names of the functions `call` knows. */
export const FUNCTIONS: readonly FunctionName[];
/** Every rounding mode, the default (`half_even`) first. */
export const ROUNDING_MODES: readonly Rounding[];
/** Every stable error code. */
export const ERROR_CODES: readonly ErrorCode[];

/** What `init` accepts: a URL or path to fetch, a Response, the bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Load the WebAssembly module (browser entry; a no-op in Node, where it loads on import).
 * Without an argument the `.wasm` file is fetched from next to the package's glue code.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<void>;
export { init };

/** Load the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void;
