// The quote the benchmarks time: a 20-line delivery cart (coffee, bakery, tea, snacks,
// retail; a weighed line and an unpromotable gift card) with 10 candidate promotions: item,
// order and delivery kinds, a gift, and four held coupons in two stacking groups, so that the
// best-for-customer search runs. Shared by bench/bench.mjs and the profiling notes.
const cny = (amount) => ({ amount, currency: 'CNY' });
const PRODUCTS = [
  ['latte', 'coffee', '30.00'],
  ['americano', 'coffee', '24.00'],
  ['flat-white', 'coffee', '32.00'],
  ['mocha', 'coffee', '34.00'],
  ['cold-brew', 'coffee', '28.00'],
  ['croissant', 'bakery', '12.50'],
  ['pain-au-chocolat', 'bakery', '14.00'],
  ['bagel', 'bakery', '9.90'],
  ['muffin', 'bakery', '11.00'],
  ['scone', 'bakery', '10.50'],
  ['jasmine-tea', 'tea', '18.00'],
  ['oolong', 'tea', '22.00'],
  ['matcha-latte', 'tea', '29.00'],
  ['milk-tea', 'tea', '16.00'],
  ['lemon-tea', 'tea', '15.00'],
  ['cookies', 'snacks', '8.80'],
  ['granola', 'snacks', '19.90'],
  ['nuts', 'snacks', '25.00'],
  ['beans-kg', 'retail', '160.00'],
  ['gift-card', 'retail', '100.00'],
];
const lines = PRODUCTS.map(([product_id, category, price], i) => ({
  id: `l${i + 1}`,
  product_id,
  categories: [category],
  unit_price: cny(price),
  quantity: product_id === 'beans-kg' ? '0.5' : String((i % 3) + 1),
  ...(product_id === 'gift-card' ? { promotable: false } : {}),
}));
const merchant = { role: 'merchant' };
const platform = { role: 'platform', party_id: 'meituan' };
const promotions = [
  { id: 'bakery-20', discount: { type: 'percent_off_items', percent: '20' }, funded_by: merchant, conditions: { target: { categories: ['bakery'] } } },
  { id: 'latte-second-half', discount: { type: 'nth_item', n: 2, percent: '50' }, funded_by: merchant, conditions: { target: { products: ['latte'] } } },
  { id: 'tea-2-get-1', discount: { type: 'buy_x_get_y', buy: 2, get: 1, percent: '100' }, funded_by: { role: 'brand' }, conditions: { target: { categories: ['tea'] } } },
  {
    id: 'gold-prices',
    discount: { type: 'member_price', prices: [{ product_id: 'mocha', price: cny('29.00') }, { product_id: 'granola', price: cny('15.90') }] },
    funded_by: merchant,
    conditions: { member_tiers: ['gold'] },
  },
  {
    id: 'cp-mj',
    trigger: 'coupon',
    discount: { type: 'threshold', tiers: [{ min_spend: cny('150.00'), off: cny('20.00') }, { min_spend: cny('300.00'), off: cny('50.00') }] },
    funded_by: platform,
    stacking: { group: 'platform-coupon' },
  },
  { id: 'cp-8', trigger: 'coupon', discount: { type: 'no_threshold', amount: cny('8.00') }, funded_by: platform, stacking: { group: 'platform-coupon' } },
  {
    id: 'cp-10pct',
    trigger: 'coupon',
    discount: { type: 'percent_off_order', percent: '10' },
    funded_by: merchant,
    max_discount: cny('30.00'),
    stacking: { group: 'merchant-coupon' },
  },
  {
    id: 'cp-every-100',
    trigger: 'coupon',
    discount: { type: 'repeating', step: cny('100.00'), off: cny('10.00'), cap: cny('40.00') },
    funded_by: merchant,
    stacking: { group: 'merchant-coupon' },
  },
  { id: 'free-delivery', discount: { type: 'delivery', percent: '100' }, funded_by: platform, conditions: { min_subtotal: cny('100.00') } },
  { id: 'tote-bag', discount: { type: 'gift', product_id: 'tote-bag', value: cny('15.00') }, funded_by: { role: 'supplier' }, conditions: { min_subtotal: cny('200.00') } },
];
export const QUOTE_REQUEST = {
  cart: { lines, delivery_fee: cny('6.00') },
  promotions,
  context: {
    now: '2026-11-22T12:30:00+08:00',
    channel: 'online_delivery',
    store_id: 's-1',
    customer: { id: 'c-42', member_tier: 'gold' },
  },
};
