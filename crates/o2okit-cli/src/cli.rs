//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Examples:
  o2okit allocate --total 99.99 --currency CNY --weights 75,25
  echo '{\"code\": \"JPY\"}' | o2okit call currency
  o2okit currencies
  o2okit quote order.json
  o2okit groupbuy campaign-log.json
  o2okit split order.json plan.json
  o2okit settle ledgers.json --period month --time-zone Asia/Shanghai
  o2okit assign examples/stores/assign.json
  o2okit card replay examples/membership/card.json
  o2okit voucher issue --key-file key.hex --serial 42 --store S1
  o2okit flow replay examples/flows/online_to_offline.json
  o2okit demo

Exit status: 0 on success, 2 when the input is rejected (the error is printed as
error[CODE]: message, where CODE is a stable o2okit error code), 1 on an I/O problem
such as a missing file.";

/// o2okit: exact money, allocation and O2O commerce from the command line.
///
/// Every result comes from the o2okit library; amounts are exact decimals, never binary
/// floats. Commands that take JSON use the library's one wire format: money is
/// {"amount": "12.30", "currency": "CNY"}, with the amount as a string.
#[derive(Debug, Parser)]
#[command(name = "o2okit", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    Allocate(AllocateArgs),
    Call(CallArgs),
    Currency(CurrencyArgs),
    Currencies(CurrenciesArgs),
    Quote(QuoteArgs),
    Groupbuy(GroupbuyArgs),
    Split(SplitArgs),
    Settle(SettleArgs),
    Assign(AssignArgs),
    Card(CardArgs),
    Voucher(VoucherArgs),
    Flow(FlowArgs),
    Schema(SchemaArgs),
    Demo(DemoArgs),
}

impl Command {
    /// Whether errors should be printed as JSON on stdout.
    pub fn json(&self) -> bool {
        match self {
            Command::Allocate(a) => a.json,
            Command::Call(a) => a.json,
            Command::Currency(a) => a.json,
            Command::Currencies(a) => a.json,
            Command::Quote(a) => a.json,
            Command::Groupbuy(a) => a.json,
            Command::Split(a) => a.json,
            Command::Settle(a) => a.json,
            Command::Assign(a) => a.json,
            Command::Card(a) => match &a.command {
                CardCommand::Replay(r) => r.json,
            },
            Command::Voucher(a) => match &a.command {
                VoucherCommand::Issue(i) => i.json,
                VoucherCommand::Verify(v) => v.json,
            },
            Command::Flow(a) => match &a.command {
                FlowCommand::Replay(r) => r.json,
            },
            Command::Schema(_) | Command::Demo(_) => false,
        }
    }
}

const ALLOCATE_HELP: &str = "\
Examples:
  o2okit allocate --total 99.99 --currency CNY --weights 75,25
  o2okit allocate --total 100 --currency JPY --weights 1,1,1
  o2okit allocate --total 100.00 --currency CNY --weights 1,1,2 --caps 10.00,,
  o2okit allocate --total 10.00 --currency CHF --weights 1,1,1 --step 0.05
  o2okit allocate --total 99.99 --currency CNY --weights 75,25 --json
  o2okit allocate --request request.json
  echo '{\"total\": {\"amount\": \"99.99\", \"currency\": \"CNY\"}, \"weights\": [\"75\", \"25\"]}' \\
    | o2okit allocate --request -

Rule: every party's exact share is floored to whole units (minor units, or cash steps with
--step); the units left over go one by one to the largest remainders, ties to the lower
index. The parts always add up to the total and each is within one unit of its exact share.";

/// Split an amount by weights (largest remainder on minor units).
///
/// Prints a table with each party's weight, amount, exact share and remainder (the fraction
/// of one unit left after flooring the exact share), and marks the parties that received a
/// leftover unit or were capped. With --json, prints the Allocation as JSON.
#[derive(Debug, Args)]
#[command(after_help = ALLOCATE_HELP)]
pub struct AllocateArgs {
    /// The amount to split, as an exact decimal (e.g. 99.99; may be negative).
    #[arg(
        long,
        allow_hyphen_values = true,
        required_unless_present = "request",
        conflicts_with = "request"
    )]
    pub total: Option<String>,

    /// The ISO 4217 currency code of the total (e.g. CNY, JPY, KWD).
    #[arg(long, required_unless_present = "request", conflicts_with = "request")]
    pub currency: Option<String>,

    /// Comma-separated weights, one per party (e.g. 75,25 or 0.5,0.3,0.2).
    #[arg(
        long,
        allow_hyphen_values = true,
        required_unless_present = "request",
        conflicts_with = "request"
    )]
    pub weights: Option<String>,

    /// Comma-separated maximum amount per party; leave an entry empty for no cap
    /// (e.g. 10.00,, caps the first of three parties at 10.00).
    #[arg(long, allow_hyphen_values = true, conflicts_with = "request")]
    pub caps: Option<String>,

    /// Split in whole cash steps instead of minor units (e.g. 0.05 for Swiss cash).
    #[arg(long, conflicts_with = "request")]
    pub step: Option<String>,

    /// Read an AllocationRequest JSON from FILE, or from stdin with -.
    #[arg(long, value_name = "FILE")]
    pub request: Option<PathBuf>,

    /// Print the Allocation (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Run any wire function on a JSON input and print its JSON output.
///
/// The input is read from FILE, or from stdin when FILE is - or absent. The input and
/// output shapes are those of the golden vectors (testdata/vectors/README.md).
#[derive(Debug, Args)]
#[command(after_help = call_help())]
pub struct CallArgs {
    /// The wire function (see the list below).
    pub function: String,

    /// The JSON input file; - or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// Print the output on one line instead of pretty-printed.
    #[arg(long)]
    pub compact: bool,

    /// Print errors as JSON on stdout (instead of the "error, code, message" line on stderr).
    #[arg(long)]
    pub json: bool,
}

fn call_help() -> String {
    format!(
        "Functions: {}\n\n\
         Examples:\n  \
         echo '{{\"amount\": \"2.345\", \"currency\": \"CNY\", \"rounding\": \"half_up\"}}' | o2okit call money.parse\n  \
         echo '{{\"a\": {{\"amount\": \"1.10\", \"currency\": \"CNY\"}}, \"b\": {{\"amount\": \"2.25\", \"currency\": \"CNY\"}}}}' | o2okit call money.add\n  \
         o2okit call allocate request.json --compact",
        o2okit::FUNCTIONS.join(", ")
    )
}

/// Describe one currency: code, name and minor units.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  o2okit currency CNY\n  o2okit currency kwd --json")]
pub struct CurrencyArgs {
    /// An ISO 4217 code (case-insensitive), e.g. CNY.
    pub code: String,

    /// Print {code, minor_units, name} (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// List every known currency with its minor units.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  o2okit currencies\n  o2okit currencies --json")]
pub struct CurrenciesArgs {
    /// Print a JSON array of {code, minor_units, name}.
    #[arg(long)]
    pub json: bool,
}

const QUOTE_HELP: &str = "\
Examples:
  o2okit quote order.json
  o2okit quote order.json --json
  cat order.json | o2okit quote -
  o2okit demo stacked-coupons   (a delivery order with stacked coupons, explained)

The input is a QuoteRequest: {\"cart\": {\"lines\": [...], \"delivery_fee\": ...},
\"promotions\": [...], \"context\": {\"now\": \"2026-11-22T12:30:00+08:00\",
\"channel\": \"online_delivery\", ...}} (see `o2okit schema`, $defs.QuoteRequest).

Pipeline: item discounts, then order discounts, then delivery. Of the automatic offers and
the customer's coupons, the combination that saves the most is applied; with
context.coupons = {\"mode\": \"explicit\", \"coupons\": [...]} only the listed coupons
(and the automatic offers) are candidates. Every promotion that did not apply is listed
with its reason code and, where something would make it apply, a hint.";

/// Price a cart under promotions and coupons: print the receipt.
///
/// Reads a QuoteRequest JSON ({"cart", "promotions", "context"}) from FILE, or from stdin
/// when FILE is - or absent. Prints each line (original, discount, net, and the per-unit
/// nets when they differ), each applied discount with who funds it and the lines it
/// touched, delivery, the totals, the promotions that did not apply (reason code, params,
/// hint) and how the combination was chosen. With --json, prints the Quote as JSON.
#[derive(Debug, Args)]
#[command(after_help = QUOTE_HELP)]
pub struct QuoteArgs {
    /// The QuoteRequest JSON file; - or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// Print the Quote (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

const GROUPBUY_HELP: &str = "\
Examples:
  o2okit groupbuy examples/groupbuy/team-buy.json
  o2okit groupbuy examples/groupbuy/ladder.json --at 2026-11-29T12:00:00+08:00
  o2okit groupbuy log.json --keep-going
  o2okit groupbuy log.json --json      # the GroupBuyReplay, as `o2okit call groupbuy.replay`

Input: {\"campaign\": GroupBuyCampaign, \"events\": [{\"at\": RFC 3339 time, \"event\": {\"type\": ...}}]},
the same JSON `o2okit call groupbuy.replay` reads. Events must be in time order. Windows are
half-open: a team opened at t with a 24 h window takes members while now < t + 24 h.";

/// Replay a group-buy event log and print what happened.
///
/// Prints one entry per event (the outcome and the effects to carry out: charges, voided
/// charges, full refunds, ladder differences, vouchers, notifications), the money totals,
/// and the progress and hint a front-end would show at the end of the log (or as of --at).
/// A rejected event stops the replay with its error (exit 2, with its zero-based
/// event_index), unless --keep-going shows it and goes on with the state unchanged.
#[derive(Debug, Args)]
#[command(after_help = GROUPBUY_HELP)]
pub struct GroupbuyArgs {
    /// The event log JSON file; - or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// Show rejected events and go on instead of stopping at the first one.
    #[arg(long, conflicts_with = "json")]
    pub keep_going: bool,

    /// Replay only the events up to this RFC 3339 time and report progress at it (default:
    /// all events, progress at the last one).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,

    /// Print the GroupBuyReplay (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

const SPLIT_HELP: &str = "\
Examples:
  o2okit split examples/split/order.json examples/split/plan.json
  o2okit split examples/split/orders.json examples/split/plan.json --json > ledgers.json
  o2okit settle ledgers.json --period day --time-zone Asia/Shanghai

ORDER is a SplitOrder JSON (or a list of them); PLAN is a SplitPlan: an ordered waterfall of
rules, each paying a party a percent, a fixed amount, percent plus fixed or a tiered percent
of a named base (gross_paid, customer_paid, goods, delivery_fee, margin, remainder), with
optional min/max and a ratio cap rounded down; the rest goes to the remainder party. The
lines add up exactly to what the customer paid.";

/// Split an order's payment between the roles that made it happen.
///
/// Prints the ledger: one line per rule (per touchpoint for an attributed rule), the
/// remainder, and one negative line per subsidised discount, with the base each rule was
/// computed on; then the total, which always equals what was paid.
#[derive(Debug, Args)]
#[command(after_help = SPLIT_HELP)]
pub struct SplitArgs {
    /// The SplitOrder JSON file (or a list of orders); - reads stdin.
    pub order: PathBuf,

    /// The SplitPlan JSON file.
    pub plan: PathBuf,

    /// Print the Ledger (a list for a list of orders), or the error, as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

const ASSIGN_HELP: &str = "\
Examples:
  o2okit assign examples/stores/assign.json
  o2okit assign examples/stores/assign.json --json

FILE holds the `store.assign` wire input: {order: {location, items, subtotal?}, stores, now,
policy?}. Locations are WGS-84 latitude/longitude (convert GCJ-02 map coordinates first).
The nearest store that serves the address, is open, has the stock and the capacity wins;
every other store is listed with all its reasons.";

/// Pick the store that fulfils an order, with fee, ETA and why the others were passed over.
///
/// Prints the chosen store(s) with distance, fee and ETA, then one row per store passed
/// over with its reasons (out_of_area, closed, out_of_stock, at_capacity,
/// below_minimum_order, farther, tie_break). No eligible store is not an error: the status
/// is `unassigned` and every store says why.
#[derive(Debug, Args)]
#[command(after_help = ASSIGN_HELP)]
pub struct AssignArgs {
    /// The input JSON file; - or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// Print the Assignment (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

const SETTLE_HELP: &str = "\
Examples:
  o2okit settle ledgers.json
  o2okit settle ledgers.json --period month --time-zone Asia/Shanghai --json

FILE holds a SettleRequest {lines, period?, time_zone?} (the `settle` wire input), a Ledger,
a list of Ledgers (as `o2okit split --json` prints) or a list of LedgerLines. Statements
come out sorted by party, currency and period, whatever order the lines come in.";

/// Sum ledger lines into one statement per party, currency and period.
#[derive(Debug, Args)]
#[command(after_help = SETTLE_HELP)]
pub struct SettleArgs {
    /// The ledger JSON file; - or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// all (default), day, week (ISO) or month.
    #[arg(long, value_parser = ["all", "day", "week", "month"])]
    pub period: Option<String>,

    /// The IANA time zone periods are counted in (default UTC), e.g. Asia/Shanghai.
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,

    /// Print the Settlement (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Stored-value cards (储值卡): principal and bonus kept apart.
#[derive(Debug, Args)]
pub struct CardArgs {
    /// What to do with a card.
    #[command(subcommand)]
    pub command: CardCommand,
}

/// The card subcommands.
#[derive(Debug, Subcommand)]
pub enum CardCommand {
    Replay(CardReplayArgs),
}

const CARD_REPLAY_HELP: &str = "\
Examples:
  o2okit card replay examples/membership/card.json
  o2okit card replay examples/membership/card.json --json

Input: {\"card\": {\"id\", \"currency\", \"kind\"?: registered|anonymous, \"limits\"?: {\"max_balance\"}},
\"rules\": {\"bonus_tiers\": [{\"min_top_up\", \"bonus\"}], \"spend_policy\"?: proportional|bonus_first|principal_first},
\"events\": [{\"at\": RFC 3339 time, \"event\": {\"type\": top_up|spend|refund|close, ...}}]}, the same JSON
`o2okit call card.replay` reads. The highest bonus tier reached applies, once. Proportional
spends round the bonus share down; the principal takes the odd cent. Closing pays out
principal only; the bonus is forfeited.";

/// Replay a stored-value card's event log and print its ledger.
///
/// Prints one line per event (time, event, principal and bonus deltas, balances after),
/// then the totals, which reconcile to the cent. A rejected event stops the replay with its
/// error (exit 2, with its zero-based event_index).
#[derive(Debug, Args)]
#[command(after_help = CARD_REPLAY_HELP)]
pub struct CardReplayArgs {
    /// The card log JSON file; - or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// Print the CardReplay (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// The four O2O flows' order lifecycles.
#[derive(Debug, Args)]
pub struct FlowArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: FlowCommand,
}

/// The flow subcommands.
#[derive(Debug, Subcommand)]
pub enum FlowCommand {
    Replay(FlowReplayArgs),
}

const FLOW_REPLAY_HELP: &str = "\
Examples:
  o2okit flow replay examples/flows/online_to_offline.json
  o2okit flow replay examples/flows/offline_to_online.json
  o2okit flow replay examples/flows/online_to_offline_to_online.json --keep-going
  o2okit flow replay examples/flows/offline_to_online_to_offline.json --json

Input: the input of `o2okit call voucher_order.replay` (flow 1) or `o2okit call
store_order.replay` (flows 2, 3, 4) plus the flow:
  {\"flow\": \"online_to_offline\", \"deal\": VoucherDeal, \"order_id\", \"customer_id\",
   \"commands\": [{\"at\": RFC 3339 time, \"command\": {\"type\": pay|redeem|reverse|refund|expire|settle,
   \"key\", \"actor\", ...}}]}
  {\"flow\": \"offline_to_online\" | \"online_to_offline_to_online\" | \"offline_to_online_to_offline\",
   \"policy\": StoreOrderPolicy (of the same flow), \"order_id\", \"customer_id\",
   \"commands\": [{\"at\", \"command\": {\"type\": touch|place|accept|ready|dispatch|complete|settle|
   cancel|void|refund, \"key\", \"actor\", ...}}]}
Commands must be in time order.";

/// Replay an order's command log through its flow's lifecycle and print states and effects.
///
/// Prints one block per command (index, time, command, actor, the status after it and each
/// effect: charges, vouchers issued, redemptions, reversals, bindings, store routing with the
/// stores passed over, hand-overs, refunds, breakage, settlements and clawbacks with their
/// ledger lines; a retried command is marked duplicate), then the totals and
/// whether the money nets to zero. A rejected command stops the replay with its error (exit
/// 2, with its zero-based event_index), unless --keep-going shows it and goes on with the
/// state unchanged.
#[derive(Debug, Args)]
#[command(after_help = FLOW_REPLAY_HELP)]
pub struct FlowReplayArgs {
    /// The order log JSON file; - or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// Show rejected commands and go on instead of stopping at the first one.
    #[arg(long, conflicts_with = "json")]
    pub keep_going: bool,

    /// Print the per-command results (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Issue or verify offline-checkable voucher codes (核销).
#[derive(Debug, Args)]
pub struct VoucherArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: VoucherCommand,
}

/// The voucher subcommands.
#[derive(Debug, Subcommand)]
pub enum VoucherCommand {
    Issue(VoucherIssueArgs),
    Verify(VoucherVerifyArgs),
}

/// The key, layout and scope shared by `voucher issue` and `voucher verify`.
#[derive(Debug, Args)]
pub struct VoucherCodeArgs {
    /// A file holding the secret key in hex (at least 16 bytes; surrounding whitespace is
    /// ignored). Keep keys out of the command line and the shell history.
    #[arg(long, value_name = "FILE")]
    pub key_file: PathBuf,

    /// The store the code is scoped to.
    #[arg(long, value_name = "ID")]
    pub store: Option<String>,

    /// The deal the code is scoped to.
    #[arg(long, value_name = "ID")]
    pub deal: Option<String>,

    /// The first instant the code is no longer good (RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub expires: Option<String>,

    /// MAC digits (6 to 18).
    #[arg(long, default_value_t = 12)]
    pub digits: u32,

    /// Serial digits printed at the start of the code (1 to 15).
    #[arg(long, default_value_t = 8)]
    pub serial_digits: u32,

    /// The check digit: damm, luhn, verhoeff or none.
    #[arg(long, default_value = "damm")]
    pub check: String,
}

const VOUCHER_ISSUE_HELP: &str = "\
Examples:
  o2okit voucher issue --key-file key.hex --serial 42 --store S1 --deal hotpot-for-2 \\
    --expires 2026-04-01T00:00:00+08:00
  o2okit voucher issue --key-file key.hex --serial 1000 --count 500 --check luhn > codes.txt
  o2okit voucher issue --key-file key.hex --serial 42 --json

A code is the serial (zero-padded), then the MAC digits (HMAC-SHA256 of the scope and the
serial, truncated as in HOTP), then the check digit. A store verifies it offline with the
key and the scope it redeems for: `o2okit voucher verify`.";

/// Issue voucher codes: one per serial, one per line.
#[derive(Debug, Args)]
#[command(after_help = VOUCHER_ISSUE_HELP)]
pub struct VoucherIssueArgs {
    /// The key, layout and scope.
    #[command(flatten)]
    pub code: VoucherCodeArgs,

    /// The (first) serial.
    #[arg(long)]
    pub serial: u64,

    /// How many consecutive serials (at most 100,000 per call).
    #[arg(long, default_value_t = 1)]
    pub count: u64,

    /// Print the codes as JSON ({serial, code} objects) on stdout.
    #[arg(long)]
    pub json: bool,
}

const VOUCHER_VERIFY_HELP: &str = "\
Examples:
  o2okit voucher verify 000000424805447021344 --key-file key.hex --store S1 \\
    --deal hotpot-for-2 --expires 2026-04-01T00:00:00+08:00 --at 2026-03-15T12:00:00+08:00

Exit status: 0 when the code is valid (prints `valid, serial N`), 3 when it is not (prints
`invalid: bad_check_digit`, `invalid: mismatch` or `invalid: expired, serial N`), 2 when the
input is unusable (a malformed code, a bad key or spec). A code for another store or deal is a
mismatch, like a forged one: the scope is inside the MAC, not printed in the code.";

/// Verify a voucher code offline against the scope a store redeems for.
#[derive(Debug, Args)]
#[command(after_help = VOUCHER_VERIFY_HELP)]
pub struct VoucherVerifyArgs {
    /// The code as presented (spaces and hyphens are ignored).
    pub code: String,

    /// The key, layout and scope.
    #[command(flatten)]
    pub code_args: VoucherCodeArgs,

    /// The time of the check (RFC 3339). The core reads no clock: the time is an input.
    #[arg(long, value_name = "TIME")]
    pub at: String,

    /// Print the Verification as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Print the JSON Schema of the wire types.
///
/// The output is deterministic; the repository keeps a copy in schema/o2okit.schema.json
/// and CI compares it with this command's output.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  o2okit schema > schema/o2okit.schema.json")]
pub struct SchemaArgs {}

/// Walk through what o2okit does, in plain English.
///
/// Runs every section (or only the ones named) and prints what each computed. The output is
/// deterministic.
#[derive(Debug, Args)]
#[command(after_help = demo_help())]
pub struct DemoArgs {
    /// Sections to run (default: all), by name.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(crate::demo::names()))]
    pub sections: Vec<String>,

    /// List the sections and exit.
    #[arg(long)]
    pub list: bool,
}

fn demo_help() -> String {
    "Examples:\n  o2okit demo\n  o2okit demo --list\n  o2okit demo split staff-pool".to_string()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        super::Cli::command().debug_assert();
    }
}
