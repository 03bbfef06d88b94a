// Browser (and bundler, Deno, workers) entry point, an ES module:
//
//     import init, { allocate } from 'o2okit';
//     await init();   // fetches o2okit_wasm_bg.wasm next to pkg/web/o2okit_wasm.js
//     allocate({ total: { amount: '99.99', currency: 'CNY' }, weights: ['75', '25'] });
//
// `init(source)` and `initSync(source)` also take the module's bytes, a Response, a URL
// or a compiled WebAssembly.Module.
import initWasm, {
  initSync as initWasmSync,
  call as wasmCall,
  callBytes as wasmCallBytes,
  version as wasmVersion,
  __wbg_reset_state as wasmReset,
} from '../pkg/web/o2okit_wasm.js';
import { createApi, O2OError, FUNCTIONS, ROUNDING_MODES, ERROR_CODES } from './api.mjs';

let ready = false;
let loading = null;

function notReady() {
  return new Error('o2okit: the WebAssembly module is not loaded yet: call `await init()` (or `initSync(bytes)`) first');
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

// wasm-bindgen takes `{ module_or_path }` / `{ module }`; accept the bare value too.
function wrap(key, source) {
  if (source !== null && typeof source === 'object' && key in source) return source;
  return source === undefined ? undefined : { [key]: source };
}

/**
 * Load the WebAssembly module. Without an argument it is fetched from next to
 * pkg/web/o2okit_wasm.js. Safe to call more than once.
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

export { init, O2OError, FUNCTIONS, ROUNDING_MODES, ERROR_CODES };
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
  split,
  splitBatch,
  splitRefund,
  splitPool,
  attribute,
  attributeShapley,
  bind,
  settle,
  assign,
  cardApply,
  cardReplay,
  pointsReplay,
  pointsRedeem,
  normalize,
  priceParity,
  issueCode,
  issueCodes,
  verifyCode,
  classify,
  flowDefinition,
  voucherOrderOpen,
  voucherOrderStep,
  voucherOrderReplay,
  storeOrderOpen,
  storeOrderStep,
  storeOrderReplay,
  version,
} = api;
