//! `o2okit split ORDER PLAN` and `o2okit settle LEDGER`.

use o2okit::{Ledger, LedgerLine, Period, SettleRequest, SplitOrder, SplitPlan};
use serde::Deserialize;

use crate::cli::{SettleArgs, SplitArgs};
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;
use crate::ledger::{ledger_table, statements};

/// One order or a list of orders.
enum Orders {
    One(Box<SplitOrder>),
    Many(Vec<SplitOrder>),
}

/// Split each order by the plan and print its ledger (or the Ledger JSON: one object for
/// one order, a list for a list).
pub fn run_split(args: &SplitArgs) -> Result<String, CliError> {
    let plan: SplitPlan = o2okit::decode(&read_input(Some(&args.plan))?)?;
    let text = read_input(Some(&args.order))?;
    // Decode strictly as one order first so its error (if any) is the useful one.
    let orders = match o2okit::decode::<SplitOrder>(&text) {
        Ok(order) => Orders::One(Box::new(order)),
        Err(one) => match o2okit::decode::<Vec<SplitOrder>>(&text) {
            Ok(list) => Orders::Many(list),
            Err(_) => return Err(one.into()),
        },
    };
    let compiled = plan.compile()?;
    match orders {
        Orders::One(order) => {
            let ledger = compiled.split(&order)?;
            if args.json {
                let value = serde_json::to_value(&ledger).map_err(encode_error)?;
                return Ok(pretty_json(&value));
            }
            Ok(format!(
                "order {}\n{}",
                ledger.order_id,
                ledger_table(&ledger, "  ")
            ))
        }
        Orders::Many(list) => {
            let ledgers = list
                .iter()
                .map(|o| compiled.split(o))
                .collect::<Result<Vec<Ledger>, _>>()?;
            if args.json {
                let value = serde_json::to_value(&ledgers).map_err(encode_error)?;
                return Ok(pretty_json(&value));
            }
            Ok(ledgers
                .iter()
                .map(|l| format!("order {}\n{}", l.order_id, ledger_table(l, "  ")))
                .collect::<Vec<_>>()
                .join("\n"))
        }
    }
}

/// What `settle` reads: a SettleRequest, or ledgers, or ledger lines.
#[derive(Deserialize)]
#[serde(untagged)]
enum SettleInput {
    Request(SettleRequest),
    Ledger(Box<Ledger>),
    Ledgers(Vec<Ledger>),
    Lines(Vec<LedgerLine>),
}

/// Sum ledger lines into statements per party, currency and period.
pub fn run_settle(args: &SettleArgs) -> Result<String, CliError> {
    let text = read_input(args.file.as_deref())?;
    let (lines, mut period, mut time_zone) = match serde_json::from_str::<SettleInput>(&text) {
        Ok(SettleInput::Request(r)) => (r.lines, r.period, r.time_zone),
        Ok(SettleInput::Ledger(l)) => (l.lines, Period::All, None),
        Ok(SettleInput::Ledgers(ls)) => (
            ls.into_iter().flat_map(|l| l.lines).collect(),
            Period::All,
            None,
        ),
        Ok(SettleInput::Lines(lines)) => (lines, Period::All, None),
        // Not one of the shapes: decode as the wire request for its precise error.
        Err(_) => {
            o2okit::decode::<SettleRequest>(&text)?;
            unreachable_shape()?
        }
    };
    if let Some(p) = &args.period {
        period = o2okit::decode::<Period>(&format!("{p:?}"))?;
    }
    if args.time_zone.is_some() {
        time_zone.clone_from(&args.time_zone);
    }
    let settlement = o2okit::settle(&lines, period, time_zone.as_deref())?;
    if args.json {
        let value = serde_json::to_value(&settlement).map_err(encode_error)?;
        return Ok(pretty_json(&value));
    }
    Ok(statements(&settlement, ""))
}

fn unreachable_shape() -> Result<(Vec<LedgerLine>, Period, Option<String>), CliError> {
    Err(CliError::from(o2okit::Error::InvalidInput {
        field: "input".into(),
        reason: "expected a SettleRequest {lines, period?, time_zone?}, a Ledger, a list of \
                 Ledgers or a list of LedgerLines"
            .into(),
    }))
}
