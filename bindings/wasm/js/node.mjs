// Node.js entry point (ES module): `import { allocate } from 'o2okit'`.
// It re-exports the CommonJS entry, so both share one loaded WebAssembly instance and one
// O2OError class.
import o2okit from './node.cjs';

export const {
  call,
  allocate,
  currency,
  parseMoney,
  addMoney,
  subtractMoney,
  multiplyMoney,
  roundToStep,
  quote,
  validateCoupon,
  redeemCoupon,
  rollbackCoupon,
  groupbuyOpen,
  groupbuyStep,
  groupbuyReplay,
  groupbuyProgress,
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
  version,
  O2OError,
  FUNCTIONS,
  ROUNDING_MODES,
  ERROR_CODES,
  init,
  initSync,
} = o2okit;

export default init;
