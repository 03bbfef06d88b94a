// Compiled with `tsc --noEmit --strict -p tsconfig.json` by the tests: it uses the public
// API through the package's own name (so the `types` condition of package.json is what is
// checked) and asserts, with @ts-expect-error, what the types must refuse.
import init, {
  addMoney,
  allocate,
  call,
  currency,
  ERROR_CODES,
  FUNCTIONS,
  multiplyMoney,
  O2OError,
  parseMoney,
  ROUNDING_MODES,
  roundToStep,
  subtractMoney,
  version,
  type Allocation,
  type AllocationPart,
  type AllocationRequest,
  type CurrencyDescription,
  type Decimal,
  type ErrorCategory,
  type ErrorCode,
  type FunctionName,
  type Money,
  type Rounding,
} from 'o2okit';

export async function example(): Promise<string[]> {
  await init();
  const total: Money = { amount: '99.99', currency: 'CNY' };
  const request: AllocationRequest = { total, weights: ['75', 25] };
  const split: Allocation = allocate(request);
  const first: AllocationPart | undefined = split.parts[0];
  const leftover: number = split.leftover_units;
  const flags: boolean[] = split.parts.map((p) => p.extra_unit || p.capped);
  const shares: Decimal[] = split.parts.map((p) => p.exact_share + p.remainder + p.weight);

  allocate({ total, weights: ['1', '1'], caps: [{ amount: '10.00', currency: 'CNY' }, null], step: '0.05' });

  const cny: CurrencyDescription = currency('CNY');
  const minor: number = cny.minor_units;
  const parsed: Money = parseMoney('0.125', 'CNY', 'half_up');
  const sum: Money = addMoney(parsed, parseMoney('1', 'CNY'));
  const diff: Money = subtractMoney(sum, parsed);
  const fee: Money = multiplyMoney(diff, '0.006', 'half_up');
  const cash: Money = roundToStep(fee, '0.05');
  const viaCall: Allocation = call('allocate', request);
  const viaCallMoney: Money = call('money.parse', { amount: '1', currency: 'USD' });
  const anything: unknown = call('money.divide', {});

  const modes: readonly Rounding[] = ROUNDING_MODES;
  const names: readonly FunctionName[] = FUNCTIONS;
  const codes: readonly ErrorCode[] = ERROR_CODES;

  try {
    parseMoney('1.005', 'CNY');
  } catch (err) {
    if (err instanceof O2OError) {
      const code: ErrorCode = err.code;
      const category: ErrorCategory = err.category;
      const message: string = err.details.message;
      const asError: Error = err;
      return [code, category, message, asError.message];
    }
    throw err;
  }

  // What the types refuse.
  // @ts-expect-error a money amount must be a string, not a number
  parseMoney(12.5, 'CNY');
  // @ts-expect-error a money amount must be a string, not a number
  allocate({ total: { amount: 100, currency: 'JPY' }, weights: [1] });
  // @ts-expect-error not a rounding mode
  parseMoney('1', 'CNY', 'half_odd');
  // @ts-expect-error weights are required
  allocate({ total });
  // @ts-expect-error not an error code
  const bad: ErrorCode = 'no_such_code';
  // @ts-expect-error the input of 'currency' is {code}
  call('currency', 'CNY');

  return [
    version(),
    String(first?.amount.amount),
    String(leftover),
    String(flags),
    shares.join(),
    String(minor),
    cash.amount,
    viaCall.total.currency,
    viaCallMoney.amount,
    String(anything),
    modes.join(),
    names.join(),
    codes.join(),
    String(bad),
  ];
}
