// Types of the npm entry point `o2okit/storefront`: the storefront build (money, allocation,
// quote and coupons, group-buy, voucher codes, flow classification). Every wire type is the
// full package's (index.d.ts); only the functions differ. A wire function outside this build
// is not exported here, and `call` with its name fails at run time with `not_in_build`.
import type { FunctionInputs, FunctionOutputs } from './index';

export type * from './index';
export {
  allocate,
  allocateBatch,
  currency,
  parseMoney,
  addMoney,
  subtractMoney,
  multiplyMoney,
  roundToStep,
  quote,
  quoteBatch,
  validateCoupon,
  redeemCoupon,
  rollbackCoupon,
  groupbuyOpen,
  groupbuyStep,
  groupbuyReplay,
  groupbuyProgress,
  groupbuyProgressBatch,
  groupbuySimulate,
  issueCode,
  issueCodes,
  verifyCode,
  classify,
  flowDefinition,
  version,
  O2OError,
  ROUNDING_MODES,
  ERROR_CODES,
  init,
  initSync,
} from './index';
export { default } from './index';

/** The wire names of the functions the storefront build has. */
export type StorefrontFunctionName =
  | 'allocate'
  | 'allocate.batch'
  | 'currency'
  | 'money.parse'
  | 'money.add'
  | 'money.sub'
  | 'money.multiply'
  | 'money.round_to_step'
  | 'quote'
  | 'quote.batch'
  | 'coupon.validate'
  | 'coupon.redeem'
  | 'coupon.rollback'
  | 'groupbuy.open'
  | 'groupbuy.step'
  | 'groupbuy.replay'
  | 'groupbuy.progress'
  | 'groupbuy.progress_batch'
  | 'groupbuy.simulate'
  | 'voucher.issue'
  | 'voucher.issue_batch'
  | 'voucher.verify'
  | 'flow.classify'
  | 'flow.definition';

/**
 * Call a function of this build by its wire name with its wire input. Any other name is
 * accepted by the types and fails at run time (`not_in_build` for a function of the full
 * entry point `o2okit`, `unknown_function` otherwise).
 */
export function call<F extends StorefrontFunctionName>(functionName: F, input: FunctionInputs[F]): FunctionOutputs[F];
export function call<S extends string>(functionName: S & (S extends StorefrontFunctionName ? never : S), input: unknown): unknown;

/** The wire names of the functions `call` knows in this build. */
export const FUNCTIONS: readonly StorefrontFunctionName[];
