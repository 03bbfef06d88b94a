// Node.js entry point of `o2okit/storefront` (ES module): `import { quote } from 'o2okit/storefront'`.
// It re-exports the CommonJS entry, so both share one loaded WebAssembly instance and one
// O2OError class (the full entry's class too).
import o2okit from './node.cjs';

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
  O2OError,
  FUNCTIONS,
  ROUNDING_MODES,
  ERROR_CODES,
  init,
  initSync,
} = o2okit;

export default init;
