//! `o2okit`: the command-line interface to the o2okit library.
//!
//! The CLI parses arguments, calls the library and formats its results; every rule lives
//! in the library.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;
mod demo;
mod error;
mod input;
mod ledger;
mod receipt;
mod render;
mod table;
mod timeline;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let json = cli.command.json();
    match commands::run(&cli.command).and_then(|text| error::write_stdout(&text)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(json),
    }
}
