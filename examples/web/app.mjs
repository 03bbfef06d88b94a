// The demo page: a shop's cart priced live by o2okit's `quote` in the browser, the coupons it
// applied (and who funds each) or why not ("add ¥24.00 to unlock", "valid from 14:00"), the
// order's revenue split as a bar, a group-buy team with its progress and countdown, and a
// voucher code check whose check digit catches typos before any network request.
//
// No framework: a render function that recomputes everything from the page state on every
// change (a quote of this cart takes well under a millisecond, see the timing under the total).
import init, * as o2o from 'o2okit';

const $ = (id) => document.getElementById(id);
const shop = await (await fetch('shop.json')).json();

try {
  await init();
} catch (err) {
  $('status').textContent = `Could not load the WebAssembly module: ${err.message}`;
  throw err;
}

// ---- state -------------------------------------------------------------------------------
const state = {
  quantities: Object.fromEntries(shop.cart.lines.map((l) => [l.id, Number(l.quantity)])),
  mode: 'best',
  chosen: new Set(),
};
// The demo clock starts at the shop's `now` (so the page always shows the same prices) and
// runs with real time (so the group-buy countdown ticks).
const clockStart = Date.parse(shop.context.now);
const loadedAt = performance.now();
const offset = shop.context.now.slice(19); // "+08:00": the store's offset

/** The demo clock as an RFC 3339 string in the store's offset, whole seconds. */
function demoNow() {
  const ms = clockStart + Math.floor((performance.now() - loadedAt) / 1000) * 1000;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const local = new Date(ms + sign * (h * 60 + m) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

// ---- formatting ----------------------------------------------------------------------------
const yuan = (money) => (money.amount.startsWith('-') ? `−¥${money.amount.slice(1)}` : `¥${money.amount}`);
const titleOf = (id) => shop.promotion_titles[id] ?? id;
const funder = (f) => (f.party_id ? `${f.role} · ${f.party_id}` : f.role);
const REASONS = {
  not_started: 'not started yet',
  expired: 'expired',
  not_in_time_slot: 'not at this hour',
  wrong_channel: 'not for this channel',
  wrong_store: 'not at this store',
  not_first_order: 'first order only',
  member_tier_required: 'members only',
  usage_limit_reached: 'all used up',
  per_customer_limit_reached: 'you have used it already',
  not_targetable: 'nothing in the cart it applies to',
  min_quantity_not_met: 'needs more items',
  min_spend_not_met: 'needs a bigger order',
  nothing_to_discount: 'nothing left to discount',
  stopped_by_prior_discount: 'stopped by another offer',
  lost_to_better_combination: 'another coupon saves you more',
  excluded_by_exclusive: 'cannot be combined',
  not_selected: 'not chosen',
  search_bound_reached: 'not tried',
};

/** How the page words a hint of the core (`hint.message` is the core's plain English). */
function hintText(hint) {
  switch (hint.code) {
    case 'add_amount':
      return `add ${yuan(hint.amount)} to unlock`;
    case 'add_items':
      return `add ${hint.quantity} more to unlock`;
    case 'wait_until': {
      // `at` carries the store's offset: its date and time are the store's.
      const sameDay = hint.at.slice(0, 10) === shop.context.now.slice(0, 10);
      return `valid from ${sameDay ? '' : `${hint.at.slice(0, 10)} `}${hint.at.slice(11, 16)}`;
    }
    default:
      return hint.message;
  }
}

const pad = (n) => String(n).padStart(2, '0');
const countdown = (s) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-') || k === 'aria-label' || k === 'style') node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}

// ---- the quote -----------------------------------------------------------------------------
function request() {
  const lines = shop.cart.lines
    .map((l) => ({ ...l, quantity: String(state.quantities[l.id]) }))
    .filter((l) => l.quantity !== '0');
  const context = { ...shop.context };
  if (state.mode === 'choose') context.coupons = { mode: 'explicit', coupons: [...state.chosen] };
  return { cart: { lines }, promotions: shop.promotions, context };
}

function renderQuote() {
  const req = request();
  if (req.cart.lines.length === 0) {
    $('cart-lines').replaceChildren(...cartRows(null));
    $('subtotal').textContent = '¥0.00';
    $('total').textContent = '¥0.00';
    $('applied').replaceChildren();
    $('rejected').replaceChildren(el('li', {}, 'Add something to the cart.'));
    $('split-bar').replaceChildren();
    $('split-legend').replaceChildren();
    return;
  }
  const started = performance.now();
  let q;
  try {
    q = o2o.quote(req);
  } catch (err) {
    $('status').hidden = false;
    $('status').textContent = `${err.code}: ${err.message}`;
    return;
  }
  const took = performance.now() - started;
  $('status').hidden = true;
  $('cart-lines').replaceChildren(...cartRows(q));
  $('subtotal').textContent = yuan(q.subtotal);
  $('total').textContent = yuan(q.total);
  $('timing').textContent = `priced in ${took.toFixed(2)} ms by o2okit ${o2o.version()}`;
  $('applied').replaceChildren(
    ...q.discounts.map((d) =>
      el(
        'li',
        { 'data-testid': 'applied-item', 'data-promotion': d.promotion_id },
        el('span', { class: 'what' }, titleOf(d.promotion_id)),
        el('span', { class: 'who', 'data-testid': 'funded-by' }, `funded by ${funder(d.funded_by)}`),
        el('span', { class: 'num', 'data-testid': 'amount' }, `−${yuan(d.amount)}`),
      ),
    ),
  );
  $('rejected').replaceChildren(
    ...q.rejected.map((r) =>
      el(
        'li',
        { 'data-testid': 'rejected-item', 'data-promotion': r.promotion_id, 'data-reason': r.reason },
        el('span', { class: 'what' }, titleOf(r.promotion_id)),
        el('span', { class: 'why', 'data-testid': 'reason' }, REASONS[r.reason] ?? r.reason),
        r.hint ? el('span', { class: 'hint', 'data-testid': 'hint' }, hintText(r.hint)) : '',
      ),
    ),
  );
  renderCoupons(q);
  renderSplit(q);
}

function cartRows(q) {
  return shop.cart.lines.map((line) => {
    const item = shop.catalogue[line.product_id];
    const quoted = q?.lines.find((l) => l.line_id === line.id);
    const qty = state.quantities[line.id];
    const minus = el('button', { type: 'button', 'aria-label': `one ${item.name} less`, 'data-testid': `less-${line.id}` }, '−');
    const plus = el('button', { type: 'button', 'aria-label': `one more ${item.name}`, 'data-testid': `more-${line.id}` }, '+');
    minus.disabled = qty === 0;
    minus.onclick = () => {
      state.quantities[line.id] = Math.max(0, qty - 1);
      renderQuote();
    };
    plus.onclick = () => {
      state.quantities[line.id] = qty + 1;
      renderQuote();
    };
    return el(
      'tr',
      { 'data-line': line.id },
      el('td', {}, `${item.emoji} ${item.name}`),
      el('td', { class: 'num' }, yuan(line.unit_price)),
      el('td', { class: 'qty' }, minus, el('span', { 'data-testid': `qty-${line.id}` }, String(qty)), plus),
      el('td', { class: 'num', 'data-testid': `net-${line.id}` }, quoted ? yuan(quoted.net) : '—'),
    );
  });
}

function renderCoupons(q) {
  const applied = new Set(q.discounts.map((d) => d.promotion_id));
  $('coupons').replaceChildren(
    ...shop.coupons.map((id) => {
      const box = el('input', { type: 'checkbox', 'data-testid': `coupon-${id}` });
      box.checked = state.mode === 'best' ? applied.has(id) : state.chosen.has(id);
      box.disabled = state.mode === 'best';
      box.onchange = () => {
        if (box.checked) state.chosen.add(id);
        else state.chosen.delete(id);
        renderQuote();
      };
      const tag = applied.has(id) ? el('span', { class: 'tag ok' }, 'applied') : el('span', { class: 'tag' }, 'not applied');
      return el('li', {}, el('label', {}, box, ` ${titleOf(id)} `), tag);
    }),
  );
}

// ---- the split -----------------------------------------------------------------------------
const ROLE_COLOURS = { payment_processor: '#8e8e93', platform: '#ffb400', store: '#34a853', merchant: '#1a73e8' };

function renderSplit(q) {
  let ledger;
  try {
    ledger = o2o.split({ id: 'demo-order', at: shop.context.now, quote: q }, shop.split_plan);
  } catch (err) {
    $('split-note').textContent = `${err.code}: ${err.message}`;
    return;
  }
  const shares = ledger.lines.filter((l) => !l.amount.amount.startsWith('-'));
  const subsidies = ledger.lines.filter((l) => l.amount.amount.startsWith('-'));
  // Widths and percentages from whole cents, in integer arithmetic (BigInt): no binary
  // floats on money, even for a picture of it.
  const cents = (m) => BigInt(m.amount.replace('.', ''));
  const gross = cents(ledger.gross);
  const tenthsOfPercent = (m) => (cents(m) * 1000n) / gross;
  const percent = (m) => `${tenthsOfPercent(m) / 10n}.${tenthsOfPercent(m) % 10n}%`;
  $('split-bar').replaceChildren(
    ...shares.map((l) =>
      el('div', {
        class: 'part',
        'data-testid': 'split-part',
        'data-role': l.role,
        title: `${l.role} · ${l.party_id}: ${yuan(l.amount)}`,
        style: `flex: ${cents(l.amount)} 1 0; background: ${ROLE_COLOURS[l.role] ?? '#999'}`,
        'data-amount': l.amount.amount,
      }),
    ),
  );
  $('split-legend').replaceChildren(
    ...shares.map((l) =>
      el(
        'li',
        { 'data-testid': 'split-share', 'data-role': l.role },
        el('span', { class: 'swatch', style: `background: ${ROLE_COLOURS[l.role] ?? '#999'}` }),
        `${l.role} · ${l.party_id} `,
        el('strong', { 'data-testid': 'split-amount' }, yuan(l.amount)),
        ` (${percent(l.amount)})`,
      ),
    ),
  );
  $('split-note').textContent =
    `The customer paid ${yuan(ledger.paid)}` +
    (subsidies.length ? `; ${subsidies.map((l) => `${l.role} · ${l.party_id} funds ${yuan({ amount: l.amount.amount.slice(1) })} of the discounts`).join('; ')}` : '') +
    `: ${yuan(ledger.gross)} to share.`;
}

// ---- the group buy -------------------------------------------------------------------------
function renderGroupBuy() {
  const now = demoNow();
  $('clock').textContent = `Demo clock: ${now.slice(0, 10)} ${now.slice(11, 19)} (${shop.store.time_zone}).`;
  const progress = o2o.groupbuyProgress(shop.groupbuy.state, now);
  const team = progress.teams[0];
  $('gb-name').textContent = shop.groupbuy.title;
  $('gb-fill').style.width = `${team.percent}%`;
  $('gb-progress').setAttribute('aria-valuenow', String(team.percent));
  $('gb-count').textContent = `${team.count} of ${team.size} joined`;
  $('gb-hint').textContent = team.needed === 1 ? '1 more person needed' : `${team.needed} more people needed`;
  $('gb-countdown').textContent = countdown(team.remaining_seconds ?? 0);
}

// ---- the voucher check ---------------------------------------------------------------------
// A check-digit test only: without the shop's key nothing here can tell a forged code from a
// real one (the server does that), but a typo is caught before the network. verifyCode with
// a placeholder key answers `bad_check_digit` exactly when the check digit is wrong.
const PLACEHOLDER_KEY = '00'.repeat(16);
const DIGITS = 21;

function checkVoucher() {
  const code = $('voucher').value.replace(/[\s-]/g, '');
  const out = $('voucher-result');
  out.className = 'voucher-result';
  if (code === '') {
    out.textContent = '';
    return;
  }
  if (!/^\d+$/.test(code)) {
    out.textContent = 'A voucher code has only digits.';
    out.classList.add('bad');
    return;
  }
  if (code.length !== DIGITS) {
    out.textContent = code.length < DIGITS ? `${DIGITS - code.length} more digits…` : `Too long: a code has ${DIGITS} digits.`;
    return;
  }
  const verdict = o2o.verifyCode({ key: PLACEHOLDER_KEY, code, now: shop.context.now, spec: shop.voucher.spec });
  if (verdict.reason === 'bad_check_digit') {
    out.textContent = 'Typo? The check digit does not match: check the digits again. Nothing was sent.';
    out.classList.add('bad');
    out.dataset.state = 'typo';
  } else {
    out.textContent = 'Check digit OK: the code would now be sent to the store to be verified.';
    out.classList.add('ok');
    out.dataset.state = 'ok';
  }
}

// ---- wiring --------------------------------------------------------------------------------
$('store-name').textContent = shop.store.name;
$('voucher-sample').textContent = shop.voucher.sample_code;
for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.onchange = () => {
    state.mode = radio.value;
    if (state.mode === 'choose') state.chosen = new Set();
    renderQuote();
  };
}
$('voucher').addEventListener('input', checkVoucher);
$('main').hidden = false;
renderQuote();
renderGroupBuy();
setInterval(renderGroupBuy, 1000);
document.body.dataset.ready = 'true';
