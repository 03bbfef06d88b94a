# Builds testdata/vectors/intake.json (run: python3 testdata/gen/intake.py). Expected outputs are written out by hand below; the
# canonical ids and fingerprints are computed here with Python's own uuid5 (an independent
# implementation of the name-based UUID), from the hand-written expected order.
import copy, json, os, uuid

ORDER_NS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:o2okit:intake:order")
FP_NS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:o2okit:intake:fingerprint")

def M(a, c="CNY"): return {"amount": a, "currency": c}

def cid(source, scope, ext):
    scope = scope or ""
    return str(uuid.uuid5(ORDER_NS, f"{source}:{len(scope.encode())}:{scope}:{ext}"))

def intake(order, status="new"):
    order = {"id": cid(order["source"], order.get("scope"), order["external_id"]), **order}
    fp = str(uuid.uuid5(FP_NS, json.dumps(order, separators=(",", ":"), ensure_ascii=False)))
    return {"status": status, "fingerprint": fp, "order": order}

cases = []
def case(name, function, input, expected=None, error=None):
    c = {"name": name, "function": function, "input": input}
    if error: c["error"] = error
    else: c["expected"] = expected
    cases.append(c)

# 1. Store counter: 2 x 8.00 tea + 0.350 kg apples at 12.90/kg = 4.515 -> 4.52 (half-even);
# 20.52 - till discount 0.52 = 20.00 = received 50.00 - change 30.00.
counter = {"receipt_no": "R-0042", "store_id": "s-1", "cashier_id": "c-7",
           "rung_at": "2026-05-01T12:00:00+08:00", "member_id": "m-88",
           "items": [{"sku": "tea", "qty": "2", "price": M("8.00")},
                     {"sku": "apples", "qty": "0.350", "price": M("12.90")}],
           "till_discount": M("0.52"),
           "tender": {"method": "cash", "received": M("50.00"), "change": M("30.00")}}
case("intake-store-counter-weighed-item-and-change", "order.normalize",
     {"source": "store_counter", "payload": counter},
     intake({"source": "store_counter", "scope": "s-1", "external_id": "R-0042", "channel": "in_store",
             "store_id": "s-1", "customer": {"id": "m-88"}, "placed_at": "2026-05-01T12:00:00+08:00",
             "currency": "CNY",
             "lines": [{"id": "1", "product_id": "tea", "unit_price": M("8.00"), "quantity": "2"},
                       {"id": "2", "product_id": "apples", "unit_price": M("12.90"), "quantity": "0.35"}],
             "subtotal": M("20.52"),
             "discounts": [{"promotion_id": "till_discount", "amount": M("0.52"),
                            "funded_by": {"role": "merchant"}, "on": "goods"}],
             "paid": M("20.00"), "payment_method": "cash",
             "parties": [{"role": "store", "party_id": "s-1"}, {"role": "store_staff", "party_id": "c-7"}]}))

# 2. Own app pickup: 2 x 25.00 + 12.00 = 62.00 - 5.00 = 57.00.
own = {"order_no": "A-1001", "store_id": "s-2", "customer_id": "u-9", "phone": "13800000000",
       "placed_at": "2026-05-02T09:30:00+08:00", "fulfilment": "pickup",
       "lines": [{"id": "L1", "product_id": "latte", "categories": ["coffee"], "unit_price": M("25.00"), "quantity": "2"},
                 {"id": "L2", "product_id": "croissant", "unit_price": M("12.00"), "quantity": "1"}],
       "discounts": [{"promotion_id": "m5", "amount": M("5.00"), "funded_by": {"role": "merchant"}}],
       "paid": M("57.00"), "payment_method": "wallet"}
case("intake-own-app-pickup-keeps-line-ids", "order.normalize", {"source": "own_app", "payload": own},
     intake({"source": "own_app", "external_id": "A-1001", "channel": "online_pickup", "store_id": "s-2",
             "customer": {"id": "u-9", "phone": "13800000000"}, "placed_at": "2026-05-02T09:30:00+08:00",
             "currency": "CNY",
             "lines": [{"id": "L1", "product_id": "latte", "categories": ["coffee"], "unit_price": M("25.00"), "quantity": "2"},
                       {"id": "L2", "product_id": "croissant", "unit_price": M("12.00"), "quantity": "1"}],
             "subtotal": M("62.00"),
             "discounts": [{"promotion_id": "m5", "amount": M("5.00"), "funded_by": {"role": "merchant"}, "on": "goods"}],
             "paid": M("57.00"), "payment_method": "wallet",
             "parties": [{"role": "store", "party_id": "s-2"}]}))

# 3. Mini-program dine-in: 2 x 30.00 + 8.00 = 68.00 - coupon 10.00 = 58.00;
# payment fee 0.6% x 58.00 = 0.348 -> 0.35.
mini = {"app_id": "wx-shop", "out_trade_no": "T-77", "store_id": "s-1", "openid": "o-abc",
        "created_at": "2026-05-03T19:00:00+08:00", "mode": "dine_in", "table_no": "12",
        "goods": [{"goods_id": "noodles", "count": 2, "price": M("30.00")},
                  {"goods_id": "tea", "count": 1, "price": M("8.00")}],
        "coupon": {"coupon_id": "c-10", "amount": M("10.00")},
        "total_fee": M("58.00"), "pay_fee": {"processor": "wxpay", "rate": "0.6"}}
case("intake-mini-program-dine-in-payment-fee", "order.normalize", {"source": "mini_program", "payload": mini},
     intake({"source": "mini_program", "scope": "wx-shop", "external_id": "T-77", "channel": "dine_in",
             "store_id": "s-1", "customer": {"id": "o-abc"}, "placed_at": "2026-05-03T19:00:00+08:00",
             "currency": "CNY",
             "lines": [{"id": "1", "product_id": "noodles", "unit_price": M("30.00"), "quantity": "2"},
                       {"id": "2", "product_id": "tea", "unit_price": M("8.00"), "quantity": "1"}],
             "subtotal": M("68.00"),
             "discounts": [{"promotion_id": "c-10", "amount": M("10.00"), "funded_by": {"role": "merchant"}, "on": "goods"}],
             "paid": M("58.00"), "payment_method": "mini_program_pay",
             "parties": [{"role": "store", "party_id": "s-1"}],
             "fees": [{"id": "payment_fee", "party": {"role": "payment_processor", "party_id": "wxpay"},
                       "amount": M("0.35"), "base": "customer_paid", "percent": "0.6"}]}))

# 4. Marketplace, platform rider: 2 x 50.00 + 6.00 = 106.00 - 10.00 (merchant) - 5.00 (platform)
# + 4.00 delivery = 95.00; commission 18% of 106.00 - 10.00 = 96.00 -> 17.28; rider fee 4.00.
market = {"platform": "mt", "platform_order_id": "9001", "shop_id": "s-3", "buyer_id": "b-5",
          "address": "Room 5, 88 Road", "ordered_at": "2026-05-04T12:10:00+08:00",
          "items": [{"item_code": "set-a", "quantity": 2, "list_price": M("50.00")},
                    {"item_code": "drink", "quantity": 1, "list_price": M("6.00")}],
          "merchant_discount": M("10.00"), "platform_subsidy": M("5.00"),
          "delivery": {"by": "platform_rider", "fee": M("4.00")},
          "user_paid": M("95.00"), "commission": {"rate": "18"}}
market_out = intake({"source": "marketplace", "scope": "mt", "external_id": "9001", "channel": "online_delivery",
             "store_id": "s-3", "customer": {"id": "b-5", "address": "Room 5, 88 Road"},
             "placed_at": "2026-05-04T12:10:00+08:00", "currency": "CNY",
             "lines": [{"id": "1", "product_id": "set-a", "unit_price": M("50.00"), "quantity": "2"},
                       {"id": "2", "product_id": "drink", "unit_price": M("6.00"), "quantity": "1"}],
             "subtotal": M("106.00"),
             "discounts": [{"promotion_id": "merchant_discount", "amount": M("10.00"), "funded_by": {"role": "merchant"}, "on": "goods"},
                           {"promotion_id": "platform_subsidy", "amount": M("5.00"),
                            "funded_by": {"role": "platform", "party_id": "mt"}, "on": "goods"}],
             "delivery_fee": M("4.00"), "paid": M("95.00"), "payment_method": "platform",
             "parties": [{"role": "store", "party_id": "s-3"}],
             "fees": [{"id": "commission", "party": {"role": "platform", "party_id": "mt"}, "amount": M("17.28"),
                       "base": "goods", "percent": "18"},
                      {"id": "platform_delivery", "party": {"role": "logistics", "party_id": "mt"}, "amount": M("4.00"),
                       "base": "delivery_fee"}]})
case("intake-marketplace-commission-subsidy-and-rider", "order.normalize",
     {"source": "marketplace", "payload": market}, market_out)

# 5. Marketplace pickup with the platform's own commission figure.
market2 = {"platform": "dp", "platform_order_id": "77-1", "shop_id": "s-3", "ordered_at": "2026-05-04T15:00:00+08:00",
           "items": [{"item_code": "set-b", "quantity": 1, "list_price": M("88.00")}],
           "delivery": {"by": "pickup"}, "user_paid": M("88.00"), "commission": {"amount": M("6.16")}}
case("intake-marketplace-pickup-commission-amount", "order.normalize", {"source": "marketplace", "payload": market2},
     intake({"source": "marketplace", "scope": "dp", "external_id": "77-1", "channel": "online_pickup",
             "store_id": "s-3", "placed_at": "2026-05-04T15:00:00+08:00", "currency": "CNY",
             "lines": [{"id": "1", "product_id": "set-b", "unit_price": M("88.00"), "quantity": "1"}],
             "subtotal": M("88.00"), "paid": M("88.00"), "payment_method": "platform",
             "parties": [{"role": "store", "party_id": "s-3"}],
             "fees": [{"id": "commission", "party": {"role": "platform", "party_id": "dp"}, "amount": M("6.16"),
                       "base": "goods"}]}))

# 6. Phone delivery: 68.00 + 2 x 4.50 = 77.00 + 6.00 delivery = 83.00 due.
phone = {"call_id": "c-17", "store_id": "s-1", "caller_phone": "+86 138 0000 0000", "taken_by": "staff-3",
         "called_at": "2026-05-01T18:02:00+08:00", "fulfilment": "delivery", "address_text": "3F, 8 Lane 100",
         "items": [{"product_id": "pizza", "qty": 1, "unit_price": M("68.00")},
                   {"product_id": "cola", "qty": 2, "unit_price": M("4.50")}],
         "delivery_fee": M("6.00"), "amount_due": M("83.00")}
case("intake-phone-delivery", "order.normalize", {"source": "phone", "payload": phone},
     intake({"source": "phone", "scope": "s-1", "external_id": "c-17", "channel": "online_delivery",
             "store_id": "s-1", "customer": {"phone": "+86 138 0000 0000", "address": "3F, 8 Lane 100"},
             "placed_at": "2026-05-01T18:02:00+08:00", "currency": "CNY",
             "lines": [{"id": "1", "product_id": "pizza", "unit_price": M("68.00"), "quantity": "1"},
                       {"id": "2", "product_id": "cola", "unit_price": M("4.50"), "quantity": "2"}],
             "subtotal": M("77.00"), "delivery_fee": M("6.00"), "paid": M("83.00"),
             "payment_method": "on_collection",
             "parties": [{"role": "store", "party_id": "s-1"}, {"role": "store_staff", "party_id": "staff-3"}]}))

# 7. Resubmission of case 4: same id, same fingerprint -> duplicate, same order.
dup = copy.deepcopy(market_out); dup["status"] = "duplicate"
other = cid("marketplace", "mt", "9000")
case("intake-resubmission-is-duplicate", "order.normalize",
     {"source": "marketplace", "payload": market,
      "seen": [{"id": other, "fingerprint": "00000000-0000-0000-0000-000000000000"},
               {"id": market_out["order"]["id"], "fingerprint": market_out["fingerprint"]}]}, dup)

# 8. Same external id, other content (the recorded fingerprint differs).
case("intake-same-external-id-other-content-conflicts", "order.normalize",
     {"source": "marketplace", "payload": market,
      "seen": [{"id": market_out["order"]["id"], "fingerprint": "00000000-0000-0000-0000-000000000000"}]},
     error="conflicting_duplicate")
# The same order id from another platform is another order: new.
market3 = dict(market, platform="ele")
case("intake-same-order-id-other-platform-is-new-order", "order.normalize",
     {"source": "marketplace", "payload": market3,
      "seen": [{"id": market_out["order"]["id"], "fingerprint": market_out["fingerprint"]}]},
     intake({**{k: v for k, v in market_out["order"].items() if k != "id"}, "scope": "ele",
             "discounts": [market_out["order"]["discounts"][0],
                           {"promotion_id": "platform_subsidy", "amount": M("5.00"),
                            "funded_by": {"role": "platform", "party_id": "ele"}, "on": "goods"}],
             "fees": [{"id": "commission", "party": {"role": "platform", "party_id": "ele"}, "amount": M("17.28"),
                       "base": "goods", "percent": "18"},
                      {"id": "platform_delivery", "party": {"role": "logistics", "party_id": "ele"}, "amount": M("4.00"),
                       "base": "delivery_fee"}]}))

# 9. 77.00 + 6.00 = 83.00, but 80.00 due.
case("intake-amounts-do-not-reconcile", "order.normalize",
     {"source": "phone", "payload": dict(phone, amount_due=M("80.00"))}, error="amounts_do_not_reconcile")
case("intake-no-lines", "order.normalize", {"source": "own_app", "payload": dict(own, lines=[], discounts=[], paid=M("0.00"))},
     error="invalid_source_order")
case("intake-negative-quantity", "order.normalize",
     {"source": "store_counter", "payload": dict(counter, items=[{"sku": "tea", "qty": "-1", "price": M("8.00")}])},
     error="invalid_source_order")
case("intake-unknown-currency", "order.normalize",
     {"source": "phone", "payload": dict(phone, amount_due=M("83.00", "XYZ"))}, error="unknown_currency")
case("intake-mixed-currencies", "order.normalize",
     {"source": "phone", "payload": dict(phone, amount_due=M("83.00", "USD"))}, error="currency_mismatch")
case("intake-delivery-needs-address", "order.normalize",
     {"source": "own_app", "payload": dict(own, fulfilment="delivery")}, error="invalid_source_order")
case("intake-marketplace-pickup-with-delivery-fee", "order.normalize",
     {"source": "marketplace", "payload": dict(market2, delivery={"by": "pickup", "fee": M("3.00")}, user_paid=M("91.00"))},
     error="invalid_source_order")
case("intake-empty-external-id", "order.normalize",
     {"source": "mini_program", "payload": dict(mini, out_trade_no=" ")}, error="invalid_source_order")
case("intake-payload-of-another-source", "order.normalize",
     {"source": "phone", "payload": counter}, error="invalid_json", )
cases[-1]["wire_only"] = True
case("intake-money-as-number", "order.normalize",
     {"source": "phone", "payload": dict(phone, amount_due={"amount": 83, "currency": "CNY"})},
     error="number_for_money")
cases[-1]["wire_only"] = True

def O(p, ch, price, store=None, c="CNY"):
    o = {"product_id": p, "channel": ch}
    if store: o["store_id"] = store
    o["price"] = M(price, c)
    return o

# Parity: all at parity (no tolerance, no reference).
case("parity-all-at-parity", "price.parity",
     {"observations": [O("tv-55", "online_delivery", "2999.00"), O("tv-55", "in_store", "2999.00", "nj-1"),
                       O("fridge", "online_delivery", "1999.00"), O("fridge", "in_store", "1999.00", "nj-1")]},
     {"observations": 4, "products_at_parity": 2, "products_deviating": 0, "products": [
         {"product_id": "fridge", "currency": "CNY", "count": 2, "min": M("1999.00"), "max": M("1999.00"),
          "spread": M("0.00"), "reference": M("1999.00"), "reference_basis": "all_observations",
          "at_parity": True, "matching": [2, 3]},
         {"product_id": "tv-55", "currency": "CNY", "count": 2, "min": M("2999.00"), "max": M("2999.00"),
          "spread": M("0.00"), "reference": M("2999.00"), "reference_basis": "all_observations",
          "at_parity": True, "matching": [0, 1]}]})

# Online reference 2999.00; nj-1 +200.00 (200/2999 = 6.6689% -> 6.67), nj-2 -100.00 (-3.3344% -> -3.33).
case("parity-deviations-from-online-price", "price.parity",
     {"reference": "online_delivery",
      "observations": [O("tv-55", "online_delivery", "2999.00"), O("tv-55", "in_store", "3199.00", "nj-1"),
                       O("tv-55", "in_store", "2899.00", "nj-2"), O("tv-55", "online_pickup", "2999.00")]},
     {"observations": 4, "products_at_parity": 0, "products_deviating": 1, "products": [
         {"product_id": "tv-55", "currency": "CNY", "count": 4, "min": M("2899.00"), "max": M("3199.00"),
          "spread": M("300.00"), "reference": M("2999.00"), "reference_basis": "channel",
          "at_parity": False, "matching": [0, 3],
          "deviations": [
              {"index": 1, "channel": "in_store", "store_id": "nj-1", "price": M("3199.00"),
               "difference": M("200.00"), "percent": "6.67", "direction": "higher"},
              {"index": 2, "channel": "in_store", "store_id": "nj-2", "price": M("2899.00"),
               "difference": M("-100.00"), "percent": "-3.33", "direction": "lower"}]}]})

# Amount tolerance 0.50 around the most common price 10.00: 10.50 is exactly at it (parity),
# 9.49 is 0.51 below (deviation, -5.1%).
case("parity-amount-tolerance-edge", "price.parity",
     {"tolerance": {"amount": M("0.50")},
      "observations": [O("milk", "online_delivery", "10.00"), O("milk", "in_store", "10.50", "s-1"),
                       O("milk", "in_store", "9.49", "s-2"), O("milk", "in_store", "10.00", "s-3")]},
     {"observations": 4, "products_at_parity": 0, "products_deviating": 1, "products": [
         {"product_id": "milk", "currency": "CNY", "count": 4, "min": M("9.49"), "max": M("10.50"),
          "spread": M("1.01"), "reference": M("10.00"), "reference_basis": "all_observations",
          "at_parity": False, "matching": [0, 1, 3],
          "deviations": [{"index": 2, "channel": "in_store", "store_id": "s-2", "price": M("9.49"),
                          "difference": M("-0.51"), "percent": "-5.1", "direction": "lower"}]}]})

# Percent tolerance 2% of the in-store reference 50.00 (= 1.00): 51.00 at parity, 48.99 (-1.01, -2.02%) not.
case("parity-percent-tolerance-edge", "price.parity",
     {"tolerance": {"percent": "2"}, "reference": "in_store",
      "observations": [O("rice", "in_store", "50.00", "s-1"), O("rice", "in_store", "50.00", "s-2"),
                       O("rice", "online_delivery", "51.00"), O("rice", "online_pickup", "48.99")]},
     {"observations": 4, "products_at_parity": 0, "products_deviating": 1, "products": [
         {"product_id": "rice", "currency": "CNY", "count": 4, "min": M("48.99"), "max": M("51.00"),
          "spread": M("2.01"), "reference": M("50.00"), "reference_basis": "channel",
          "at_parity": False, "matching": [0, 1, 2],
          "deviations": [{"index": 3, "channel": "online_pickup", "price": M("48.99"),
                          "difference": M("-1.01"), "percent": "-2.02", "direction": "lower"}]}]})

# Two currencies: reported separately (CNY before HKD); no pickup price, so the reference falls back.
case("parity-currencies-reported-separately", "price.parity",
     {"reference": "online_pickup",
      "observations": [O("watch", "online_delivery", "1000.00"), O("watch", "in_store", "1100.00", "hk-1", "HKD"),
                       O("watch", "in_store", "1000.00", "sh-1")]},
     {"observations": 3, "products_at_parity": 2, "products_deviating": 0, "products": [
         {"product_id": "watch", "currency": "CNY", "count": 2, "min": M("1000.00"), "max": M("1000.00"),
          "spread": M("0.00"), "reference": M("1000.00"), "reference_basis": "all_observations",
          "at_parity": True, "matching": [0, 2]},
         {"product_id": "watch", "currency": "HKD", "count": 1, "min": M("1100.00", "HKD"), "max": M("1100.00", "HKD"),
          "spread": M("0.00", "HKD"), "reference": M("1100.00", "HKD"), "reference_basis": "all_observations",
          "at_parity": True, "matching": [1]}]})

# One 10.00 and one 12.00: a tie for the most common price goes to the lower one; +2.00 is +20%.
case("parity-reference-tie-goes-to-lower-price", "price.parity",
     {"observations": [O("soap", "in_store", "12.00", "s-1"), O("soap", "online_delivery", "10.00")]},
     {"observations": 2, "products_at_parity": 0, "products_deviating": 1, "products": [
         {"product_id": "soap", "currency": "CNY", "count": 2, "min": M("10.00"), "max": M("12.00"),
          "spread": M("2.00"), "reference": M("10.00"), "reference_basis": "all_observations",
          "at_parity": False, "matching": [1],
          "deviations": [{"index": 0, "channel": "in_store", "store_id": "s-1", "price": M("12.00"),
                          "difference": M("2.00"), "percent": "20", "direction": "higher"}]}]})
case("parity-no-observations", "price.parity", {"observations": []},
     {"observations": 0, "products_at_parity": 0, "products_deviating": 0, "products": []})
case("parity-negative-tolerance", "price.parity",
     {"tolerance": {"percent": "-1"}, "observations": [O("soap", "in_store", "12.00", "s-1")]},
     error="invalid_parity_check")
case("parity-tolerance-in-another-currency", "price.parity",
     {"tolerance": {"amount": M("1.00", "USD")}, "observations": [O("soap", "in_store", "12.00", "s-1"),
                                                               O("soap", "online_delivery", "12.50")]},
     error="currency_mismatch")

doc = {"description": "Unified order intake (order.normalize: every source, duplicates, conflicts, reconciliation, "
       "validation) and price parity (price.parity: deviations, tolerance edges, currencies). Expected outputs are "
       "hand-computed (see the comments in testdata/gen/intake.py); canonical ids and fingerprints are Python uuid5 "
       "values of the documented names.", "cases": cases}
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors", "intake.json"), "w").write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
print(len(cases), "cases")
