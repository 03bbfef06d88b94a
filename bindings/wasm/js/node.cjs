// Node.js entry point (CommonJS): `const o2o = require('o2okit')`.
// The WebAssembly module is compiled and instantiated synchronously when this file is
// loaded, so there is nothing to await; `init()` exists only so that code written for the
// browser entry (`await init()`) runs unchanged.
'use strict';

const wasm = require('../pkg/node/o2okit_wasm.js');
const { createApi, O2OError, FUNCTIONS, ROUNDING_MODES, ERROR_CODES } = require('../pkg/node/api.cjs');

// `__wbg_reset_state` (wasm-bindgen --experimental-reset-state-function) starts a fresh
// instance of the module; the wrapper calls it after a panic or a trap.
const api = createApi({
  call: wasm.call,
  callBytes: wasm.callBytes,
  version: wasm.version,
  reset: wasm.__wbg_reset_state,
});

/** No-op in Node: the module is already loaded. */
function init() {
  return Promise.resolve();
}

/** No-op in Node: the module is already loaded. */
function initSync() {}

module.exports = {
  ...api,
  O2OError,
  FUNCTIONS,
  ROUNDING_MODES,
  ERROR_CODES,
  init,
  initSync,
  default: init,
};
