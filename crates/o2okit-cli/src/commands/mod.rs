//! One module per command. Each returns the text to print on stdout.

pub mod allocate;
pub mod assign;
pub mod call;
pub mod card;
pub mod currency;
pub mod demo;
pub mod flow;
pub mod groupbuy;
pub mod quote;
pub mod schema;
pub mod split;
pub mod voucher;

use crate::cli::Command;
use crate::error::CliError;

/// Run a command and return its stdout text.
pub fn run(command: &Command) -> Result<String, CliError> {
    match command {
        Command::Allocate(args) => allocate::run(args),
        Command::Call(args) => call::run(args),
        Command::Currency(args) => currency::run_one(args),
        Command::Currencies(args) => currency::run_all(args),
        Command::Quote(args) => quote::run(args),
        Command::Groupbuy(args) => groupbuy::run(args),
        Command::Split(args) => split::run_split(args),
        Command::Settle(args) => split::run_settle(args),
        Command::Assign(args) => assign::run(args),
        Command::Card(args) => card::run(args),
        Command::Voucher(args) => voucher::run(args),
        Command::Flow(args) => flow::run(args),
        Command::Schema(_) => Ok(schema::run()),
        Command::Demo(args) => demo::run(args),
    }
}
