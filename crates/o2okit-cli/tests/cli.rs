//! End-to-end tests of the `o2okit` binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Run the binary with `args`, feeding `stdin` (empty if `None`).
fn o2okit(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_o2okit"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the o2okit binary runs");
    {
        // The child may exit before reading (an unknown function is rejected first); a
        // broken pipe here is expected then, and the exit status tells the story.
        let mut pipe = child.stdin.take().unwrap();
        let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
    }
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn ok(args: &[&str], stdin: Option<&str>) -> String {
    let out = o2okit(args, stdin);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every golden vector case, as (file name, case).
fn vector_cases() -> Vec<(String, Value)> {
    let dir = repo_root().join("testdata/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        for case in doc["cases"].as_array().unwrap() {
            cases.push((file.clone(), case.clone()));
        }
    }
    cases
}

fn vector(name: &str) -> Value {
    vector_cases()
        .into_iter()
        .map(|(_, case)| case)
        .find(|case| case["name"] == name)
        .unwrap_or_else(|| panic!("no vector named {name}"))
}

const REQUEST_99_99: &str =
    r#"{"total": {"amount": "99.99", "currency": "CNY"}, "weights": ["75", "25"]}"#;

#[test]
fn allocate_prints_a_table_with_the_rule() {
    let out = ok(
        &[
            "allocate",
            "--total",
            "99.99",
            "--currency",
            "CNY",
            "--weights",
            "75,25",
        ],
        None,
    );
    assert!(out.contains("74.99"), "{out}");
    assert!(out.contains("25.00"), "{out}");
    assert!(out.contains("74.9925") && out.contains("24.9975"), "{out}");
    assert!(out.contains("+1 leftover unit"), "{out}");
    assert!(
        out.contains("99.99 CNY") && out.contains("0.01 CNY"),
        "{out}"
    );
    assert!(
        out.contains("largest remainder on minor units; ties to the lower index"),
        "{out}"
    );
    // The leftover unit marks the second row, not the first.
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("25.00")).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("+1 leftover unit"), "{out}");
}

#[test]
fn allocate_json_matches_the_golden_vector() {
    let out = ok(
        &[
            "allocate",
            "--total",
            "99.99",
            "--currency",
            "CNY",
            "--weights",
            "75,25",
            "--json",
        ],
        None,
    );
    let got: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(got["parts"][0]["amount"]["amount"], "74.99");
    assert_eq!(got["parts"][1]["amount"]["amount"], "25.00");
    assert_eq!(got["parts"][1]["extra_unit"], true);
    assert_eq!(got, vector("allocate-cny-99.99-75-25")["expected"]);
}

#[test]
fn allocate_reads_a_request_from_stdin_and_from_a_file() {
    let table = ok(&["allocate", "--request", "-"], Some(REQUEST_99_99));
    assert!(
        table.contains("74.99") && table.contains("25.00"),
        "{table}"
    );

    let path = std::env::temp_dir().join(format!("o2okit-cli-test-{}.json", std::process::id()));
    std::fs::write(&path, REQUEST_99_99).unwrap();
    let json = ok(
        &["allocate", "--request", path.to_str().unwrap(), "--json"],
        None,
    );
    std::fs::remove_file(&path).unwrap();
    let got: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(got, vector("allocate-cny-99.99-75-25")["expected"]);
}

#[test]
fn allocate_with_caps_and_step() {
    let capped = ok(
        &[
            "allocate",
            "--total",
            "100.00",
            "--currency",
            "CNY",
            "--weights",
            "1,1,2",
            "--caps",
            "10.00,,",
        ],
        None,
    );
    assert!(capped.contains("capped"), "{capped}");
    assert!(capped.contains("10.00") && capped.contains("30.00") && capped.contains("60.00"));

    let stepped = ok(
        &[
            "allocate",
            "--total",
            "10.00",
            "--currency",
            "CHF",
            "--weights",
            "1,1,1",
            "--step",
            "0.05",
            "--json",
        ],
        None,
    );
    let got: Value = serde_json::from_str(&stepped).unwrap();
    let amounts: Vec<&str> = got["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"]["amount"].as_str().unwrap())
        .collect();
    assert_eq!(amounts, ["3.35", "3.35", "3.30"]);
    assert_eq!(got["unit"]["amount"], "0.05");
}

#[test]
fn unknown_currency_exits_2_with_its_code() {
    let args = [
        "allocate",
        "--total",
        "1",
        "--currency",
        "XYZ",
        "--weights",
        "1",
    ];
    let out = o2okit(&args, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[unknown_currency]: "),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());

    let out = o2okit(&[&args[..], &["--json"]].concat(), None);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["code"], "unknown_currency");
    assert_eq!(err["category"], "currency");

    let out = o2okit(&["currency", "ABC"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error[unknown_currency]: "));
}

#[test]
fn a_json_number_for_money_is_number_for_money() {
    let request = r#"{"total": {"amount": 99.99, "currency": "CNY"}, "weights": ["1"]}"#;
    let out = o2okit(&["allocate", "--request", "-"], Some(request));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[number_for_money]: "),
        "{}",
        stderr(&out)
    );

    let out = o2okit(&["call", "allocate", "--json"], Some(request));
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["code"], "number_for_money");
}

#[test]
fn call_runs_a_vector_input() {
    let case = vector("allocate-cny-99.99-75-25");
    let input = case["input"].to_string();
    let got: Value = serde_json::from_str(&ok(&["call", "allocate"], Some(&input))).unwrap();
    assert_eq!(got, case["expected"]);
    let got: Value =
        serde_json::from_str(&ok(&["call", "allocate", "-", "--compact"], Some(&input))).unwrap();
    assert_eq!(got, case["expected"]);
}

#[test]
fn call_agrees_with_every_golden_vector() {
    let mut failures = Vec::new();
    let cases = vector_cases();
    assert!(!cases.is_empty());
    for (file, case) in &cases {
        let function = case["function"].as_str().unwrap();
        let out = o2okit(
            &["call", function, "--compact", "--json"],
            Some(&case["input"].to_string()),
        );
        let got: Value = serde_json::from_str(&stdout(&out)).unwrap_or(Value::Null);
        let pass = match (case.get("expected"), case.get("error")) {
            (Some(expected), _) => out.status.code() == Some(0) && got == *expected,
            (None, Some(code)) => out.status.code() == Some(2) && got["code"] == *code,
            (None, None) => false,
        };
        if !pass {
            failures.push(format!("{file}: {}: got {got}", case["name"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn call_errors() {
    let out = o2okit(&["call", "no.such.function"], Some("{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error[unknown_function]: "));

    let out = o2okit(&["call", "currency"], Some("{not json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error[invalid_json]: "));

    let out = o2okit(&["call", "currency", "/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error[io]: "), "{}", stderr(&out));
}

#[test]
fn currency_and_currencies() {
    let out = ok(&["currency", "kwd"], None);
    assert!(
        out.contains("KWD") && out.contains("minor units: 3"),
        "{out}"
    );
    let json: Value = serde_json::from_str(&ok(&["currency", "JPY", "--json"], None)).unwrap();
    assert_eq!(json["minor_units"], 0);

    let table = ok(&["currencies"], None);
    for (code, minor) in [("CNY", "2"), ("JPY", "0"), ("KWD", "3")] {
        let row = table.lines().find(|l| l.starts_with(code)).unwrap();
        assert!(row.split_whitespace().nth(1) == Some(minor), "{row}");
    }
    let all: Value = serde_json::from_str(&ok(&["currencies", "--json"], None)).unwrap();
    assert!(all.as_array().unwrap().len() > 100);
}

#[test]
fn demo_is_deterministic_and_tells_the_staff_pool_story() {
    let out = ok(&["demo"], None);
    for needle in [
        "480.00",
        "300.00",
        "20.00",
        "200.00",
        "74.99",
        "75.00 / 24.99",
        "34 / 33 / 33",
        "0.02 / 0.04 / 0.01",
        "0.03 / 0.05 / 0.00",
        "10.05 CHF",
        "error[currency_mismatch]",
        "1230",
    ] {
        assert!(out.contains(needle), "demo lacks {needle:?}:\n{out}");
    }
    assert_eq!(out, ok(&["demo"], None));

    let list = ok(&["demo", "--list"], None);
    assert!(list.contains("staff-pool"));
    let one = ok(&["demo", "staff-pool"], None);
    assert!(one.contains("480.00") && !one.contains("CHF"), "{one}");
    assert_eq!(
        o2okit(&["demo", "no-such-section"], None).status.code(),
        Some(2)
    );
}

/// Three lattes at 30.00, second one half price (automatic), a 满50减5 coupon, 4.00 delivery.
const QUOTE_SMALL: &str = r#"{
  "cart": {
    "lines": [{"id": "a", "product_id": "latte", "categories": ["drinks"],
               "unit_price": {"amount": "30.00", "currency": "CNY"}, "quantity": "3"}],
    "delivery_fee": {"amount": "4.00", "currency": "CNY"}
  },
  "promotions": [
    {"id": "second-half", "discount": {"type": "nth_item", "n": 2, "percent": "50"},
     "funded_by": {"role": "merchant"}},
    {"id": "manjian", "trigger": "coupon",
     "discount": {"type": "threshold", "tiers": [
       {"min_spend": {"amount": "50.00", "currency": "CNY"}, "off": {"amount": "5.00", "currency": "CNY"}},
       {"min_spend": {"amount": "100.00", "currency": "CNY"}, "off": {"amount": "12.00", "currency": "CNY"}}]},
     "funded_by": {"role": "platform"}},
    {"id": "tea-only", "trigger": "coupon",
     "discount": {"type": "percent_off_items", "percent": "10"},
     "conditions": {"target": {"categories": ["tea"]}},
     "funded_by": {"role": "brand", "party_id": "leaf-co"}}
  ],
  "context": {"now": "2026-11-22T10:00:00+08:00", "channel": "online_delivery"}
}"#;

#[test]
fn quote_prints_a_receipt_with_the_total() {
    let out = ok(&["quote", "-"], Some(QUOTE_SMALL));
    // 90.00 - 15.00 (second half) - 5.00 (满50减5 on 75.00) + 4.00 delivery = 74.00.
    let total = out
        .lines()
        .find(|l| l.trim_start().starts_with("total"))
        .unwrap();
    assert!(total.contains("74.00 CNY"), "{out}");
    for needle in [
        "90.00",
        "second-half",
        "nth_item",
        "merchant",
        "manjian",
        "platform",
        "1 x 28.00, 1 x 14.00, 1 x 28.00", // the unit nets differ: the 2nd latte is half price
        "fee 4.00, discount 0.00, charged 4.00",
        "-20.00",
        "tea-only",
        "not_targetable",
        "best_for_customer",
        "evaluations",
        "saving       20.00 CNY",
    ] {
        assert!(out.contains(needle), "receipt lacks {needle:?}:\n{out}");
    }
    let hint = out
        .lines()
        .find(|l| l.contains("hint for manjian"))
        .unwrap();
    assert!(hint.contains("add 25.00 more to get 12.00 off"), "{out}");

    // A file argument works the same.
    let path = std::env::temp_dir().join(format!("o2okit-cli-quote-{}.json", std::process::id()));
    std::fs::write(&path, QUOTE_SMALL).unwrap();
    let from_file = ok(&["quote", path.to_str().unwrap()], None);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(from_file, out);
}

#[test]
fn quote_json_is_the_quote() {
    let out = ok(&["quote", "-", "--json"], Some(QUOTE_SMALL));
    let got: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(got["total"]["amount"], "74.00");
    assert_eq!(got["total"]["currency"], "CNY");
    assert_eq!(got["discount_total"]["amount"], "20.00");
    assert_eq!(got["rejected"][0]["reason"], "not_targetable");
    // The same Quote as the wire function.
    let wire: Value = serde_json::from_str(&ok(&["call", "quote"], Some(QUOTE_SMALL))).unwrap();
    assert_eq!(got, wire);
    // The receipt prints the same total.
    let receipt = ok(&["quote"], Some(QUOTE_SMALL));
    assert!(receipt.contains(&format!("{} CNY", got["total"]["amount"].as_str().unwrap())));
}

#[test]
fn quote_rejects_an_invalid_quantity_with_exit_2() {
    let bad = QUOTE_SMALL.replace(r#""quantity": "3""#, r#""quantity": "0""#);
    assert_ne!(bad, QUOTE_SMALL);
    let out = o2okit(&["quote", "-"], Some(&bad));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[invalid_quantity]: "),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());

    let out = o2okit(&["quote", "-", "--json"], Some(&bad));
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["code"], "invalid_quantity");

    let out = o2okit(&["quote", "-"], Some("{not json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error[invalid_json]: "));
}

/// `text` with every run of whitespace replaced by one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn demo_prices_a_cart_with_stacked_coupons() {
    let out = ok(&["demo", "stacked-coupons"], None);
    for needle in [
        "Pricing a cart with stacked coupons",
        "171.00", // subtotal
        "-27.00", // item and order discounts
        "fee 5.00, discount 5.00, charged 0.00",
        "144.00 CNY", // total
        "saving       32.00 CNY",
        "add 38.00 more to get 25.00 off", // the 满减 upsell
        "valid from 14:00 today",          // the happy hour, outside its slot
        "add 28.00 more to unlock",        // the min spend not met
        "lost_to_better_combination",
        "31.60 CNY", // the group's other coupon, swapped in
        "The merchant funds 17.00 CNY",
        "the platform funds 15.00 CNY",
        "Together 32.00 CNY",
    ] {
        // Prose is wrapped and tables are aligned: compare with whitespace collapsed.
        assert!(
            flat(&out).contains(&flat(needle)),
            "demo lacks {needle:?}:\n{out}"
        );
    }
    assert_eq!(out, ok(&["demo", "stacked-coupons"], None));
    assert!(ok(&["demo"], None).contains("Pricing a cart with stacked coupons"));
}

#[test]
fn schema_is_json_and_deterministic() {
    let out = ok(&["schema"], None);
    assert!(out.ends_with("}\n"));
    let schema: Value = serde_json::from_str(&out).unwrap();
    for name in ["AllocationRequest", "Allocation", "Money"] {
        assert!(schema["$defs"].get(name).is_some(), "no {name} in $defs");
    }
    assert_eq!(out, ok(&["schema"], None));
    // Once the schema is checked in, it must match this output.
    let checked_in = repo_root().join("schema/o2okit.schema.json");
    if let Ok(text) = std::fs::read_to_string(&checked_in) {
        assert_eq!(
            text, out,
            "schema/o2okit.schema.json is stale: run `o2okit schema`"
        );
    }
}

#[test]
fn every_command_has_help_with_examples() {
    for command in [
        "allocate",
        "call",
        "currency",
        "currencies",
        "quote",
        "schema",
        "demo",
    ] {
        let out = ok(&[command, "--help"], None);
        assert!(out.contains("Examples:"), "{command} --help:\n{out}");
    }
    assert!(ok(&["--help"], None).contains("Exit status"));
}

#[test]
fn groupbuy_replays_the_team_buy_example() {
    let path = repo_root().join("examples/groupbuy/team-buy.json");
    let path = path.to_str().unwrap();
    let text = ok(&["groupbuy", path], None);
    // Carol joins one second inside t1's window and pays: the team succeeds.
    assert!(
        text.contains("#7   11-23 09:59:59  carol joins team t1  -> place p5"),
        "{text}"
    );
    assert!(text.contains("notify success: team t1, 3 paid"), "{text}");
    assert!(text.contains("refund dan 49.00 CNY in full (p3)"), "{text}");
    assert!(
        text.contains("void the unpaid charge of 59.00 CNY to erin (p4)"),
        "{text}"
    );
    assert!(
        text.contains("kept (charged - voided - refunded): 167.00 CNY"),
        "{text}"
    );
    assert!(text.contains("vouchers issued: 3"), "{text}");

    // --json is the wire function's output.
    let json: Value = serde_json::from_str(&ok(&["groupbuy", path, "--json"], None)).unwrap();
    let input = std::fs::read_to_string(path).unwrap();
    let wire: Value =
        serde_json::from_str(&ok(&["call", "groupbuy.replay", "-"], Some(&input))).unwrap();
    assert_eq!(json, wire);

    // --at replays up to a time and reports the progress then.
    let text = ok(
        &["groupbuy", path, "--at", "2026-11-23T09:00:00+08:00"],
        None,
    );
    assert!(
        text.contains("team t1   [######....] 2/3 open: 1 more person needed within 1 h"),
        "{text}"
    );
    assert!(!text.contains("carol"), "{text}");
}

#[test]
fn groupbuy_ladder_refunds_the_differences() {
    let path = repo_root().join("examples/groupbuy/ladder.json");
    let text = ok(&["groupbuy", path.to_str().unwrap()], None);
    assert!(text.contains("refunded differences: 130.00 CNY"), "{text}");
    assert!(text.contains("final price: 80.00 CNY"), "{text}");
    assert!(text.contains("status: succeeded"), "{text}");
}

#[test]
fn groupbuy_rejected_event_stops_or_is_shown() {
    let log = r#"{"campaign": {"id": "c", "deadline": "2026-11-30T00:00:00+08:00",
        "kind": {"type": "team_buy", "size": 3, "window_seconds": 86400,
                 "price": {"amount": "10.00", "currency": "CNY"}}},
      "events": [
        {"at": "2026-11-22T10:00:00+08:00", "event": {"type": "open_team", "key": "a", "customer_id": "ann"}},
        {"at": "2026-11-23T10:00:01+08:00", "event": {"type": "join", "key": "b", "customer_id": "bob", "team_id": "t1"}}
      ]}"#;
    let out = o2okit(&["groupbuy", "-"], Some(log));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[team_expired]: "),
        "{}",
        stderr(&out)
    );

    let out = o2okit(&["groupbuy", "-", "--json"], Some(log));
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["code"], "team_expired");
    assert_eq!(err["category"], "groupbuy");
    assert_eq!(err["event_index"], 1);

    let text = ok(&["groupbuy", "-", "--keep-going"], Some(log));
    assert!(
        text.contains("#1") && text.contains("rejected [team_expired]"),
        "{text}"
    );

    let out = o2okit(&["groupbuy", "-", "--at", "yesterday"], Some(log));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[invalid_input]: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn split_prints_the_issue_waterfall_and_settle_sums_it() {
    let root = repo_root();
    let order = root.join("examples/split/order.json");
    let orders = root.join("examples/split/orders.json");
    let plan = root.join("examples/split/plan.json");
    let (order, orders, plan) = (
        order.to_str().unwrap(),
        orders.to_str().unwrap(),
        plan.to_str().unwrap(),
    );
    let text = ok(&["split", order, plan], None);
    for (party, amount) in [
        ("wxpay", "0.60"),
        ("mall", "8.00"),
        ("rider-co", "5.00"),
        ("douyin", "2.00"),
        ("noodle-house", "84.40"),
    ] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(party))
            .unwrap_or_else(|| panic!("{party}: {text}"));
        assert!(line.trim_end().ends_with(amount), "{line}");
    }
    assert!(
        text.contains("total 100.00 CNY = paid 100.00 CNY"),
        "{text}"
    );

    // --json is the wire function's ledger.
    let json: Value = serde_json::from_str(&ok(&["split", order, plan, "--json"], None)).unwrap();
    let input = format!(
        "{{\"order\": {}, \"plan\": {}}}",
        std::fs::read_to_string(order).unwrap(),
        std::fs::read_to_string(plan).unwrap()
    );
    let wire: Value = serde_json::from_str(&ok(&["call", "split", "-"], Some(&input))).unwrap();
    assert_eq!(json, wire);

    // A list of orders, then their statements per party and day in Shanghai.
    let ledgers = ok(&["split", orders, plan, "--json"], None);
    let text = ok(
        &[
            "settle",
            "-",
            "--period",
            "day",
            "--time-zone",
            "Asia/Shanghai",
        ],
        Some(&ledgers),
    );
    assert!(text.contains("period: day in Asia/Shanghai"), "{text}");
    let mall = text
        .lines()
        .find(|l| l.starts_with("mall") && l.contains("2026-11-22"))
        .unwrap();
    // 8.00 + 8.00 commission, -10.00 for the coupon it funds.
    assert!(
        mall.contains("16.00") && mall.contains("-10.00") && mall.contains(" 6.00"),
        "{mall}"
    );
    let settled: Value =
        serde_json::from_str(&ok(&["settle", "-", "--json"], Some(&ledgers))).unwrap();
    let statements = settled["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 5);
}

#[test]
fn split_errors_exit_2_with_their_code() {
    let root = repo_root();
    let plan = root.join("examples/split/plan.json");
    let order = r#"{"id": "o", "at": "2026-11-22T12:00:00+08:00", "paid": {"amount": "1.00", "currency": "CNY"}}"#;
    let out = o2okit(&["split", "-", plan.to_str().unwrap()], Some(order));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[split_exceeds_total]: "),
        "{}",
        stderr(&out)
    );
    let out = o2okit(&["settle", "-", "--time-zone", "Mars/Olympus"], Some("[]"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[unknown_time_zone]: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn assign_prints_the_chosen_store_and_every_reason() {
    let example = repo_root().join("examples/stores/assign.json");
    let text = ok(&["assign", example.to_str().unwrap()], None);
    assert!(text.starts_with("status: assigned\n"), "{text}");
    assert!(
        text.contains("  A         1201 m  5.00 CNY  30 min  milk\n"),
        "{text}"
    );
    assert!(
        text.contains("  B               801 m  out_of_stock (milk 0/2)\n"),
        "{text}"
    );
    assert!(
        text.contains("  C              2502 m  closed (opens 2026-03-03T07:00:00+08:00)\n"),
        "{text}"
    );
}

#[test]
fn assign_json_matches_the_golden_vector_and_errors_exit_2() {
    let case = vector("store-abc-nearest-open-in-stock");
    let out = ok(&["assign", "-", "--json"], Some(&case["input"].to_string()));
    let got: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(got, case["expected"]);

    let bad = vector("store-error-duplicate-id");
    let out = o2okit(&["assign", "--json"], Some(&bad["input"].to_string()));
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["code"], "invalid_store");
    assert_eq!(err["category"], "store");
}

#[test]
fn card_replay_prints_the_ledger_and_reconciles() {
    let path = repo_root().join("examples/membership/card.json");
    let path = path.to_str().unwrap();
    let text = ok(&["card", "replay", path], None);
    assert!(
        text.starts_with("card card-1 (CNY, anonymous, closed)"),
        "{text}"
    );
    // The issue's example: spending 60.00 from 100.00 + 20.00 takes 50.00 + 10.00.
    assert!(
        text.contains("spend o1       60.00       -50.00   -10.00      50.00  10.00    60.00"),
        "{text}"
    );
    // The odd cent of a proportional spend comes out of principal.
    assert!(
        text.contains("spend o2        0.07        -0.06    -0.01"),
        "{text}"
    );
    assert!(
        text.contains("paid out / forfeited     374.94  64.99"),
        "{text}"
    );
    assert!(
        text.contains("balance                    0.00   0.00"),
        "{text}"
    );

    // --json is the wire function's output.
    let json: Value = serde_json::from_str(&ok(&["card", "replay", path, "--json"], None)).unwrap();
    let input = std::fs::read_to_string(path).unwrap();
    let wire: Value =
        serde_json::from_str(&ok(&["call", "card.replay", "-"], Some(&input))).unwrap();
    assert_eq!(json, wire);
    assert_eq!(json["totals"]["paid_out"]["amount"], "374.94");
}

#[test]
fn card_replay_rejected_event_exits_2_with_its_index() {
    let log = r#"{"card": {"id": "c", "currency": "CNY"}, "events": [
        {"at": "2026-03-01T10:00:00+08:00", "event": {"type": "top_up", "amount": {"amount": "50.00", "currency": "CNY"}}},
        {"at": "2026-03-02T10:00:00+08:00", "event": {"type": "spend", "order_id": "o1", "amount": {"amount": "50.01", "currency": "CNY"}}}]}"#;
    let out = o2okit(&["card", "replay", "-"], Some(log));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[insufficient_balance]: "),
        "{}",
        stderr(&out)
    );
    let out = o2okit(&["card", "replay", "-", "--json"], Some(log));
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["code"], "insufficient_balance");
    assert_eq!(err["category"], "membership");
    assert_eq!(err["event_index"], 1);
}

#[test]
fn demo_assigns_a_store_with_reasons_and_replays_a_card() {
    let out = ok(&["demo", "store-assignment"], None);
    for needle in [
        "Assigning a delivery order to a store, with reasons",
        "status: assigned",
        "A 1201 m 5.00 CNY 30 min milk, bread",
        "B 801 m out_of_stock (milk 0/2)",
        "C 2502 m closed (opens 2026-03-08T07:00:00+08:00)",
        "D out_of_area",
        "E 1601 m at_capacity (120/120 today)",
        "status: unassigned",
        "E 1601 m closed (opens 2026-03-08T07:00:00+08:00); at_capacity (120/120 today)",
    ] {
        assert!(
            flat(&out).contains(&flat(needle)),
            "demo lacks {needle:?}:\n{out}"
        );
    }
    assert_eq!(out, ok(&["demo", "store-assignment"], None));

    let out = ok(&["demo", "stored-value-card"], None);
    for needle in [
        "A stored-value card, replayed from its events",
        "top_up pay-1 100.00 +100.00 +20.00 100.00 20.00 120.00",
        "duplicate pay-1 100.00 0.00 0.00 100.00 20.00 120.00",
        "spend o-17 60.00 -50.00 -10.00 50.00 10.00 60.00",
        "refund o-17 30.00 +25.00 +5.00 75.00 15.00 90.00",
        "spend o-18 8.99 -7.50 -1.49 67.50 13.51 81.01",
        "close 67.50 -67.50 -13.51 0.00 0.00 0.00",
        "100.00 topped up = 57.50 spent - 25.00 refunded + 67.50 paid out",
    ] {
        assert!(
            flat(&out).contains(&flat(needle)),
            "demo lacks {needle:?}:\n{out}"
        );
    }
    let all = ok(&["demo"], None);
    assert!(all.contains("Assigning a delivery order to a store, with reasons"));
    assert!(all.contains("A stored-value card, replayed from its events"));
    let list = ok(&["demo", "--list"], None);
    assert!(list.contains("store-assignment") && list.contains("stored-value-card"));
}

#[test]
fn demo_walks_a_voucher_order_through_flow_1() {
    let out = ok(&["demo", "voucher-order"], None);
    for needle in [
        "Flow 1, online -> offline: a group-buy voucher redeemed in store",
        "flow 1 online_to_offline (先线上后线下), decided by touchpoints [0, 1, 2]",
        "pay by customer -> issued",
        "charge ann 198.00 CNY",
        "0880011087180702138 valid: true (serial 88001)",
        "0887011087180702138 valid: false (bad_check_digit; one digit mistyped)",
        "redeem by staff -> partially_redeemed (duplicate: nothing applied again)",
        "reversed: mt-88001/v2 is usable again (99.00 CNY)",
        "error[reversal_window_passed]",
        "error[store_not_allowed]",
        "settle redemption r-1: pay out 99.00 CNY by the plan",
        "refund ann 99.00 CNY for mt-88001/v2",
        "hotpot-chain merchant remainder remainder 92.47 92.47",
        "Status closed: charged 198.00 CNY = refunded 99.00 CNY + settled 99.00 CNY + breakage 0.00 CNY; held 0.00 CNY.",
    ] {
        assert!(
            flat(&out).contains(&flat(needle)),
            "demo lacks {needle:?}:\n{out}"
        );
    }
    assert_eq!(out, ok(&["demo", "voucher-order"], None));
    assert!(ok(&["demo", "--list"], None).contains("voucher-order"));
}

#[test]
fn demo_walks_one_order_of_flows_2_3_and_4() {
    let cases: [(&str, &[&str]); 3] = [
        (
            "qr-sale",
            &[
                "flow 2 offline_to_online (先线下后线上), decided by touchpoints [0, 1, 2]",
                "- 100.00 CNY double-11 (amount_off_order, funded by platform)",
                "to pay 2999.00 CNY",
                "bound to li (store_staff)",
                "charge ann 2999.00 CNY",
                "xinjiekou (bound_store) 92.97 CNY",
                "suning-mall (platform) -100.00 CNY",
                "suning-mall CNY 2026-W46 1 2 154.95 -100.00 54.95 platform 54.95",
            ],
        ),
        (
            "showroom-sale",
            &[
                "flow 3 online_to_offline_to_online (先线上后线下再线上), decided by touchpoints [0, 1, 2]",
                "- 300.00 CNY man-5000-jian-300 (threshold, funded by merchant)",
                "routed to store jd-b (2002 m)",
                "passed over jd-a (1001 m): out_of_stock (tv 0/1)",
                "jd-showroom-sanlitun (experience_store) 199.96 CNY",
                "jd-retail (merchant) 4541.09 CNY",
            ],
        ),
        (
            "wechat-dine-in",
            &[
                "flow 4 offline_to_online_to_offline (先线下后线上再线下), decided by touchpoints [0, 1, 2]",
                "- 29.50 CNY second-half (nth_item, funded by merchant)",
                "principal 200.00 -> 126.25 (-73.75), bonus 40.00 -> 25.25 (-14.75)",
                "cancel by customer -> rejected [command_not_allowed]",
                "served (store xuhui)",
                "wxpay (payment_processor) 0.53 CNY",
                "xuhui (store) 8.85 CNY",
                "papa-johns (merchant) 79.12 CNY",
                "money nets to zero: charged 88.50 = refunded 0.00 + settled 88.50 - clawed back 0.00",
            ],
        ),
    ];
    for (section, expected) in cases {
        let out = ok(&["demo", section], None);
        for needle in expected {
            assert!(
                flat(&out).contains(&flat(needle)),
                "demo {section} lacks {needle:?}:\n{out}"
            );
        }
        assert_eq!(out, ok(&["demo", section], None));
    }
}

#[test]
fn voucher_issue_and_verify_match_the_vectors_and_exit_3_when_rejected() {
    let dir = std::env::temp_dir().join(format!("o2okit-cli-voucher-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("key.hex");
    std::fs::write(
        &key_file,
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
    )
    .unwrap();
    let key = key_file.to_str().unwrap();
    let scope = [
        "--store",
        "S1",
        "--deal",
        "hotpot-for-2",
        "--expires",
        "2026-04-01T00:00:00+08:00",
    ];

    // The same code as the golden vector (and the independent Python reference).
    let case = vector("voucher-issue-scoped-default-spec");
    let mut args = vec!["voucher", "issue", "--key-file", key, "--serial", "42"];
    args.extend(scope);
    assert_eq!(
        ok(&args, None),
        format!("{}\n", case["expected"]["code"].as_str().unwrap())
    );

    let batch = vector("voucher-issue-batch-three");
    let json = ok(
        &[
            "voucher",
            "issue",
            "--key-file",
            key,
            "--serial",
            "100",
            "--count",
            "3",
            "--digits",
            "8",
            "--serial-digits",
            "6",
            "--check",
            "luhn",
            "--json",
        ],
        None,
    );
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        batch["expected"]
    );

    let verify = |code: &str, store: &str, at: &str| {
        let mut args = vec!["voucher", "verify", code, "--key-file", key, "--at", at];
        args.extend(["--store", store, "--deal", "hotpot-for-2"]);
        args.extend(["--expires", "2026-04-01T00:00:00+08:00"]);
        o2okit(&args, None)
    };
    let good = verify(
        "00000042 4805 4470 2134 4",
        "S1",
        "2026-03-15T12:00:00+08:00",
    );
    assert_eq!(good.status.code(), Some(0));
    assert_eq!(stdout(&good), "valid, serial 42\n");
    let elsewhere = verify("000000424805447021344", "S2", "2026-03-15T12:00:00+08:00");
    assert_eq!(elsewhere.status.code(), Some(3));
    assert_eq!(stdout(&elsewhere), "invalid: mismatch\n");
    let late = verify("000000424805447021344", "S1", "2026-04-01T00:00:00+08:00");
    assert_eq!(late.status.code(), Some(3));
    assert_eq!(stdout(&late), "invalid: expired, serial 42\n");
    let typo = verify("000000424805447021345", "S1", "2026-03-15T12:00:00+08:00");
    assert_eq!(stdout(&typo), "invalid: bad_check_digit\n");

    let short = o2okit(
        &[
            "voucher",
            "verify",
            "123",
            "--key-file",
            key,
            "--at",
            "2026-03-15T12:00:00+08:00",
        ],
        None,
    );
    assert_eq!(short.status.code(), Some(2));
    assert!(stderr(&short).starts_with("error[invalid_voucher_code]: "));
    std::fs::write(&key_file, "00ff").unwrap();
    let weak = o2okit(
        &["voucher", "issue", "--key-file", key, "--serial", "1"],
        None,
    );
    assert_eq!(weak.status.code(), Some(2));
    assert!(stderr(&weak).starts_with("error[invalid_voucher_key]: "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn flow_replay_prints_the_hotpot_voucher_lifecycle() {
    let path = repo_root().join("examples/flows/online_to_offline.json");
    let path = path.to_str().unwrap();
    let text = ok(&["flow", "replay", path], None);
    for expected in [
        "#0   2026-03-01T09:00:00+08:00  pay by customer  -> issued",
        "      charge ann 200.00 CNY",
        "      redeemed 2 use(s) of o-1/v1 at S1: 66.67 CNY held until settlement (redemption r-1)",
        "#2   2026-03-05T19:04:00+08:00  reverse by staff  -> issued",
        "      reversed redemption r-1: 2 use(s) of o-1/v1 back, 66.67 CNY",
        "(duplicate of key r-2: nothing applied again)",
        "      settle redemption r-2 (o-1/v1): 33.33 CNY",
        "        meituan (platform) 2.67 CNY",
        "        hotpot-house (merchant) 30.66 CNY",
        "      refund ann 66.67 CNY (2 unused use(s) of o-1/v1)",
        "status: closed",
        "totals (CNY): charged 200.00, refunded 100.00, settled 100.00, breakage 0.00, held 0.00",
        "money nets to zero: charged 200.00 = refunded 100.00 + settled 100.00 + breakage 0.00",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }

    // --json: one record per command; the final state is the wire function's.
    let json: Value = serde_json::from_str(&ok(&["flow", "replay", path, "--json"], None)).unwrap();
    let steps = json["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 8);
    assert_eq!(steps[4]["duplicate"], true);
    assert_eq!(steps[7]["status"], "closed");
    let mut input: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    input.as_object_mut().unwrap().remove("flow");
    let wire: Value = serde_json::from_str(&ok(
        &["call", "voucher_order.replay", "-"],
        Some(&input.to_string()),
    ))
    .unwrap();
    assert_eq!(json["state"], wire["state"]);
}

#[test]
fn flow_replay_rejections_and_other_flows() {
    let path = repo_root().join("examples/flows/online_to_offline.json");
    let mut log: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // A reversal a day after its redemption: outside the 10-minute window.
    log["commands"][2]["at"] = Value::from("2026-03-06T19:04:00+08:00");
    let text = log.to_string();
    let out = o2okit(&["flow", "replay", "-"], Some(&text));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[reversal_window_passed]: "),
        "{}",
        stderr(&out)
    );
    let out = o2okit(&["flow", "replay", "-", "--json"], Some(&text));
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(err["code"], "reversal_window_passed");
    assert_eq!(err["category"], "lifecycle");
    assert_eq!(err["event_index"], 2);
    // --keep-going shows the rejection and goes on with the state unchanged.
    let shown = ok(&["flow", "replay", "-", "--keep-going"], Some(&text));
    assert!(
        shown.contains("reverse by staff  -> rejected [reversal_window_passed]"),
        "{shown}"
    );
    assert!(shown.contains("status: closed"), "{shown}");

    // A voucher log under another flow is read as a store order, and refused; a log
    // without a flow is refused.
    log["flow"] = Value::from("offline_to_online");
    let out = o2okit(&["flow", "replay", "-"], Some(&log.to_string()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[invalid_json]: "),
        "{}",
        stderr(&out)
    );
    log.as_object_mut().unwrap().remove("flow");
    let out = o2okit(&["flow", "replay", "-"], Some(&log.to_string()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error[invalid_input]: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn flow_replay_prints_the_store_order_flows() {
    let cases: [(&str, &[&str]); 3] = [
        (
            "offline_to_online",
            &[
                "flow offline_to_online (先线下后线上): order o-1 for ann, policy suning-qr",
                "#0   2026-11-01T15:00:00+08:00  touch by staff  -> created",
                "      bound to li (store_staff) since 2026-11-01T15:00:00+08:00",
                "      bound to xinjiekou (bound_store) since 2026-11-01T15:00:00+08:00",
                "      charge ann 2999.00 CNY",
                "#5   2026-11-11T12:20:00+08:00  dispatch by logistics  -> out_for_delivery",
                "      delivered (store hunan-rd)",
                "        xinjiekou (bound_store) 92.97 CNY",
                "        li (store_staff) 30.99 CNY",
                "        hunan-rd (store) 20.00 CNY",
                "        suning (merchant) 2800.09 CNY",
                "money nets to zero: charged 2999.00 = refunded 0.00 + settled 2999.00 - clawed back 0.00",
            ],
        ),
        (
            "online_to_offline_to_online",
            &[
                "      routed to store jd-b (2002 m)",
                "        passed over jd-a (1001 m): out_of_stock (tv 0/1)",
                "        passed over jd-c (3002 m): farther",
                "      bound to jd-showroom-sanlitun (experience_store)",
                "        jd-showroom-sanlitun (experience_store) 199.96 CNY",
                "        jd-retail (merchant) 4541.09 CNY",
                "status: closed",
            ],
        ),
        (
            "offline_to_online_to_offline",
            &[
                "channels wechat, own_app, dianping, cancel window 5 min",
                "      served (store xuhui)",
                "        wxpay (payment_processor) 0.53 CNY",
                "        xuhui (store) 8.80 CNY",
                "        papa-johns (merchant) 78.67 CNY",
                "totals (CNY): charged 88.00, refunded 0.00, settled 88.00, clawed back 0.00, held 0.00",
            ],
        ),
    ];
    for (flow, expected) in cases {
        let path = repo_root().join(format!("examples/flows/{flow}.json"));
        let path = path.to_str().unwrap();
        let text = ok(&["flow", "replay", path], None);
        for line in expected {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
        // --json: the final state is the wire function's.
        let json: Value =
            serde_json::from_str(&ok(&["flow", "replay", path, "--json"], None)).unwrap();
        assert_eq!(json["flow"], flow);
        let mut input: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        input.as_object_mut().unwrap().remove("flow");
        let wire: Value = serde_json::from_str(&ok(
            &["call", "store_order.replay", "-"],
            Some(&input.to_string()),
        ))
        .unwrap();
        assert_eq!(json["state"], wire["state"]);
    }

    // The log's flow and its policy's flow must agree.
    let path = repo_root().join("examples/flows/offline_to_online.json");
    let mut log: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    log["flow"] = Value::from("offline_to_online_to_offline");
    let out = o2okit(&["flow", "replay", "-"], Some(&log.to_string()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the log says offline_to_online_to_offline but its policy"),
        "{}",
        stderr(&out)
    );
    // A cancel after the store accepted: rejected, shown with --keep-going.
    log["flow"] = Value::from("offline_to_online");
    let cancel: Value = serde_json::from_str(
        r#"{"at": "2026-11-11T12:02:00+08:00",
            "command": {"type": "cancel", "key": "x", "actor": "customer"}}"#,
    )
    .unwrap();
    log["commands"].as_array_mut().unwrap().insert(4, cancel);
    let shown = ok(
        &["flow", "replay", "-", "--keep-going"],
        Some(&log.to_string()),
    );
    assert!(
        shown.contains(
            "#4   2026-11-11T12:02:00+08:00  cancel by customer  -> rejected [command_not_allowed]"
        ),
        "{shown}"
    );
    assert!(shown.contains("status: closed"), "{shown}");
}
