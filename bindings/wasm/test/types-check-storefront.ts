// Compiled with `tsc --noEmit --strict -p tsconfig.json` by the tests: the storefront entry
// point's types, through the package's own name (so the `./storefront` condition of
// package.json is what is checked).
import init, {
  allocate,
  call,
  classify,
  FUNCTIONS,
  groupbuyProgress,
  O2OError,
  quote,
  verifyCode,
  type Quote,
  type QuoteRequest,
  type StorefrontFunctionName,
} from 'o2okit/storefront';
// The storefront build has no revenue split: the name is only a type there.
import { split } from 'o2okit/storefront';

export async function storefrontUsage(request: QuoteRequest): Promise<string> {
  await init();
  const q: Quote = quote(request);
  const parts = allocate({ total: q.total, weights: ['1', '1'] }).parts.length;
  const names: readonly StorefrontFunctionName[] = FUNCTIONS;
  const viaCall: Quote = call('quote', request);
  // A name outside the build is accepted by the types (it fails at run time with not_in_build).
  const unknown: unknown = call('split', {});
  // @ts-expect-error: 'split' cannot be used as a value (the storefront build does not have it)
  split({ id: 'o', at: '2026-01-01T00:00:00Z' }, { rules: [] });
  void [groupbuyProgress, verifyCode, classify, names, viaCall, unknown, parts];
  try {
    call('store.assign', {});
  } catch (err) {
    if (err instanceof O2OError && err.code === 'not_in_build') return err.message;
  }
  return q.total.amount;
}
