// Browser (and bundler, Deno, workers) entry point of `o2okit/storefront`, an ES module:
//
//     import init, { quote } from 'o2okit/storefront';
//     await init();   // fetches o2okit_wasm_bg.wasm next to pkg/storefront/web/o2okit_wasm.js
//
// The storefront build: money, allocation, quote and coupons, group-buy, voucher codes and
// flow classification, every time zone included. Every other wire function answers the error
// `not_in_build` (through `call`); the full entry point `o2okit` has them.
// `init(source)` and `initSync(source)` also take the module's bytes, a Response, a URL or a
// compiled WebAssembly.Module.
import initWasm, {
  initSync as initWasmSync,
  call as wasmCall,
  callBytes as wasmCallBytes,
  __wbg_reset_state as wasmReset,
  version as wasmVersion,
} from '../../pkg/storefront/web/o2okit_wasm.js';
import { createApi, O2OError, ROUNDING_MODES, ERROR_CODES } from '../api.mjs';

let ready = false;
let loading = null;

function notReady() {
  return new Error('o2okit/storefront: the WebAssembly module is not loaded yet: call `await init()` (or `initSync(bytes)`) first');
}

const api = createApi({
  call(functionName, input) {
    if (!ready) throw notReady();
    return wasmCall(functionName, input);
  },
  callBytes(functionName, input) {
    if (!ready) throw notReady();
    return wasmCallBytes(functionName, input);
  },
  reset() {
    wasmReset();
  },
  version() {
    if (!ready) throw notReady();
    return wasmVersion();
  },
});

/**
 * The wire names `call` knows in this build (a subset of the full entry's `FUNCTIONS`); the
 * tests check that it is what the module itself lists.
 */
export const FUNCTIONS = Object.freeze([
  'allocate',
  'allocate.batch',
  'currency',
  'money.parse',
  'money.add',
  'money.sub',
  'money.multiply',
  'money.round_to_step',
  'quote',
  'quote.batch',
  'coupon.validate',
  'coupon.redeem',
  'coupon.rollback',
  'groupbuy.open',
  'groupbuy.step',
  'groupbuy.replay',
  'groupbuy.progress',
  'groupbuy.progress_batch',
  'groupbuy.simulate',
  'voucher.issue',
  'voucher.issue_batch',
  'voucher.verify',
  'flow.classify',
  'flow.definition',
]);

// wasm-bindgen takes `{ module_or_path }` / `{ module }`; accept the bare value too.
function wrap(key, source) {
  if (source !== null && typeof source === 'object' && key in source) return source;
  return source === undefined ? undefined : { [key]: source };
}

/**
 * Load the WebAssembly module. Without an argument it is fetched from next to
 * pkg/storefront/web/o2okit_wasm.js. Safe to call more than once.
 */
export default function init(moduleOrPath) {
  if (ready) return Promise.resolve();
  if (loading === null) {
    loading = initWasm(wrap('module_or_path', moduleOrPath)).then(
      () => {
        ready = true;
      },
      (err) => {
        loading = null;
        throw err;
      },
    );
  }
  return loading;
}

/** Load the WebAssembly module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(module) {
  if (ready) return;
  initWasmSync(wrap('module', module));
  ready = true;
}

export { init, O2OError, ROUNDING_MODES, ERROR_CODES };
export const {
  call,
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
} = api;
