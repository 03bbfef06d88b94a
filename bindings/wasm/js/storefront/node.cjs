// Node.js entry point of `o2okit/storefront` (CommonJS): `const o2o = require('o2okit/storefront')`.
// The storefront build: money, allocation, quote and coupons, group-buy, voucher codes and
// flow classification, from a smaller WebAssembly module (pkg/storefront/) built from the same
// core with fewer cargo features. Every other wire function answers the error `not_in_build`
// (through `call`); the full entry point `o2okit` has them.
//
// The module is compiled and instantiated synchronously when this file is loaded; `init()`
// exists only so that code written for the browser entry runs unchanged.
'use strict';

const wasm = require('../../pkg/storefront/node/o2okit_wasm.js');
const { createApi, O2OError, ROUNDING_MODES, ERROR_CODES } = require('../../pkg/node/api.cjs');

// `__wbg_reset_state` starts a fresh instance of the module after a panic or a trap.
const api = createApi({
  call: wasm.call,
  callBytes: wasm.callBytes,
  version: wasm.version,
  reset: wasm.__wbg_reset_state,
});

/** The wire names `call` knows in this build (a subset of the full entry's `FUNCTIONS`). */
const FUNCTIONS = Object.freeze(wasm.functions());

/** No-op in Node: the module is already loaded. */
function init() {
  return Promise.resolve();
}

/** No-op in Node: the module is already loaded. */
function initSync() {}

module.exports = {
  call: api.call,
  allocate: api.allocate,
  allocateBatch: api.allocateBatch,
  currency: api.currency,
  parseMoney: api.parseMoney,
  addMoney: api.addMoney,
  subtractMoney: api.subtractMoney,
  multiplyMoney: api.multiplyMoney,
  roundToStep: api.roundToStep,
  quote: api.quote,
  quoteBatch: api.quoteBatch,
  validateCoupon: api.validateCoupon,
  redeemCoupon: api.redeemCoupon,
  rollbackCoupon: api.rollbackCoupon,
  groupbuyOpen: api.groupbuyOpen,
  groupbuyStep: api.groupbuyStep,
  groupbuyReplay: api.groupbuyReplay,
  groupbuyProgress: api.groupbuyProgress,
  groupbuyProgressBatch: api.groupbuyProgressBatch,
  groupbuySimulate: api.groupbuySimulate,
  issueCode: api.issueCode,
  issueCodes: api.issueCodes,
  verifyCode: api.verifyCode,
  classify: api.classify,
  flowDefinition: api.flowDefinition,
  version: api.version,
  O2OError,
  FUNCTIONS,
  ROUNDING_MODES,
  ERROR_CODES,
  init,
  initSync,
  default: init,
};
