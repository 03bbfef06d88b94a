//! `o2okit flow replay [FILE|-]`: replay an order's command log through its flow's lifecycle
//! and print the states and effects.
//!
//! One driver ([`replay`]) walks any lifecycle that implements [`Lifecycle`]: flow 1's voucher
//! orders ([`voucher`]) and the store orders of flows 2, 3 and 4 ([`store`]).

mod store;
mod voucher;

use chrono::{DateTime, FixedOffset};
use o2okit::Flow;
use serde::Serialize;
use serde_json::Value;

use crate::cli::{FlowArgs, FlowCommand, FlowReplayArgs};
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;

/// Run a flow subcommand.
pub fn run(args: &FlowArgs) -> Result<String, CliError> {
    match &args.command {
        FlowCommand::Replay(replay) => run_replay(replay),
    }
}

pub(super) fn invalid(field: &str, reason: impl Into<String>) -> CliError {
    CliError::Core(o2okit::Error::InvalidInput {
        field: field.into(),
        reason: reason.into(),
    })
}

/// Read the log, take its `flow` and hand the rest to that flow's lifecycle. The one place
/// that knows which lifecycle serves which flow.
fn run_replay(args: &FlowReplayArgs) -> Result<String, CliError> {
    replay_input(&read_input(args.file.as_deref())?, args)
}

/// What `o2okit flow replay --keep-going` prints for a log given as JSON text (the demo's
/// walk-throughs use it).
pub fn replay_text(log: &str) -> Result<String, o2okit::Error> {
    let args = FlowReplayArgs {
        file: None,
        keep_going: true,
        json: false,
    };
    replay_input(log, &args).map_err(|error| match error {
        CliError::Core(error) => error,
        other => o2okit::Error::InvalidInput {
            field: "log".into(),
            reason: format!("{other:?}"),
        },
    })
}

fn replay_input(text: &str, args: &FlowReplayArgs) -> Result<String, CliError> {
    let mut log: Value = o2okit::decode(text)?;
    let object = log.as_object_mut().ok_or_else(|| {
        invalid(
            "flow",
            "the log must be a JSON object with a \"flow\" field, e.g. {\"flow\": \"online_to_offline\", ...}",
        )
    })?;
    let flow = object.remove("flow").ok_or_else(|| {
        invalid(
            "flow",
            "missing: say which flow the order follows, e.g. \"flow\": \"online_to_offline\"",
        )
    })?;
    // Decoded through the core, so a bad value gets the core's codes (`invalid_json`, ...).
    let flow: Flow = o2okit::decode(&flow.to_string())?;
    match flow {
        Flow::OnlineToOffline => voucher::replay_log(&log.to_string(), args),
        Flow::OfflineToOnline | Flow::OnlineToOfflineToOnline | Flow::OfflineToOnlineToOffline => {
            store::replay_log(flow, &log.to_string(), args)
        }
    }
}

/// What the driver needs from a lifecycle: one step, and how to print its parts.
pub(super) trait Lifecycle {
    type Command: Serialize;
    type Effect: Serialize;
    type State: Serialize;

    /// Apply one command.
    fn step(
        &self,
        state: &Self::State,
        command: &Self::Command,
        at: DateTime<FixedOffset>,
    ) -> Result<Stepped<Self::State, Self::Effect>, o2okit::Error>;
    /// The wire name of a state's status.
    fn status(state: &Self::State) -> &'static str;
    /// `(type, actor, key)` of a command.
    fn describe_command(command: &Self::Command) -> (&'static str, &'static str, &str);
    /// An effect as indented lines.
    fn describe_effect(effect: &Self::Effect) -> Vec<String>;
    /// The closing lines: status, totals, whether the money nets to zero.
    fn totals(state: &Self::State) -> Result<Vec<String>, CliError>;
}

/// What one step returned.
pub(super) struct Stepped<S, E> {
    /// The state after the command.
    pub state: S,
    /// Its effects (the original ones for a duplicate).
    pub effects: Vec<E>,
    /// Whether the command was applied before under its key.
    pub duplicate: bool,
}

/// The indent of an effect line.
pub(super) const EFFECT: &str = "      ";

/// Ledger (or clawback) lines under an effect: party, role, amount.
pub(super) fn ledger_lines(lines: &[o2okit::LedgerLine]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            format!(
                "{EFFECT}  {} ({}) {}",
                line.party_id, line.role, line.amount
            )
        })
        .collect()
}

/// One command's result, for `--json`.
#[derive(Serialize)]
struct StepRecord<'a, C, E> {
    index: usize,
    at: String,
    command: &'a C,
    duplicate: bool,
    status: &'static str,
    effects: Vec<E>,
}

/// `--json`: the per-command results and the final state.
#[derive(Serialize)]
struct JsonReplay<'a, C, E, S> {
    flow: Flow,
    steps: Vec<StepRecord<'a, C, E>>,
    state: S,
}

/// Replay `commands` from `state`, printing a header line, one block per command and the
/// totals (or, with `--json`, the per-command records and the final state).
pub(super) fn replay<L: Lifecycle>(
    lifecycle: &L,
    flow: Flow,
    header: String,
    mut state: L::State,
    commands: &[(DateTime<FixedOffset>, &L::Command)],
    args: &FlowReplayArgs,
) -> Result<String, CliError> {
    let mut out = vec![header, String::new()];
    let mut records = Vec::new();
    for (index, (at, command)) in commands.iter().enumerate() {
        let (name, actor, key) = L::describe_command(command);
        let head = format!("#{index:<3} {}  {name} by {actor}", at.to_rfc3339());
        match lifecycle.step(&state, command, *at) {
            Ok(Stepped {
                state: next,
                effects,
                duplicate,
            }) => {
                let status = L::status(&next);
                if duplicate {
                    out.push(format!(
                        "{head}  -> {status} (duplicate of key {key}: nothing applied again)"
                    ));
                } else {
                    out.push(format!("{head}  -> {status}"));
                    for effect in &effects {
                        out.extend(L::describe_effect(effect));
                    }
                }
                records.push(StepRecord {
                    index,
                    at: at.to_rfc3339(),
                    command: *command,
                    duplicate,
                    status,
                    effects,
                });
                state = next;
            }
            Err(error) if args.keep_going => {
                out.push(format!("{head}  -> rejected [{}]: {error}", error.code()));
            }
            Err(error) => {
                return Err(CliError::Core(o2okit::Error::AtEvent {
                    index,
                    error: Box::new(error),
                }))
            }
        }
    }
    if args.json {
        let value = serde_json::to_value(JsonReplay {
            flow,
            steps: records,
            state,
        })
        .map_err(encode_error)?;
        return Ok(pretty_json(&value));
    }
    out.push(String::new());
    out.extend(L::totals(&state)?);
    let mut text = out.join("\n");
    text.push('\n');
    Ok(text)
}
