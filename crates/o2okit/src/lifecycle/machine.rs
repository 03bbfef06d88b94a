//! What every order lifecycle shares: the idempotency check, the time-order check, the
//! `command_not_allowed` error and the replay fold. Each machine keeps its own states,
//! commands and guards.

use chrono::{DateTime, FixedOffset};

use crate::Error;

/// The idempotency check of a step, before anything else is looked at: `Ok(Some(effects))`
/// when `command` was applied before under its key (return those effects with
/// `duplicate: true` and the state unchanged), `Ok(None)` for a new key, and
/// [`Error::IdempotencyConflict`] when the key was used by another command. `processed`
/// yields each applied command with the effects it returned.
pub(crate) fn earlier_reply<'a, C, E>(
    mut processed: impl Iterator<Item = (&'a C, &'a [E])>,
    command: &C,
    key_of: impl Fn(&C) -> &str,
) -> Result<Option<Vec<E>>, Error>
where
    C: PartialEq + 'a,
    E: Clone + 'a,
{
    let key = key_of(command);
    match processed.find(|(previous, _)| key_of(previous) == key) {
        Some((previous, effects)) if previous == command => Ok(Some(effects.to_vec())),
        Some(_) => Err(Error::IdempotencyConflict {
            key: key.to_string(),
        }),
        None => Ok(None),
    }
}

/// [`Error::InvalidInput`] for a field of a command, a state or a policy.
pub(crate) fn input(field: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        field: field.into(),
        reason: reason.into(),
    }
}

/// [`Error::TimeOutOfOrder`] when `now` is before the last applied command.
pub(crate) fn in_time_order(
    now: DateTime<FixedOffset>,
    as_of: Option<DateTime<FixedOffset>>,
) -> Result<(), Error> {
    match as_of {
        Some(as_of) if now < as_of => Err(Error::TimeOutOfOrder {
            now: now.to_rfc3339(),
            as_of: as_of.to_rfc3339(),
        }),
        _ => Ok(()),
    }
}

/// [`Error::CommandNotAllowed`] with the commands the status takes (`none` for a terminal
/// status).
pub(crate) fn command_not_allowed(
    command: &str,
    actor: &str,
    status: &str,
    reason: &str,
    allowed: &[&str],
) -> Error {
    Error::CommandNotAllowed {
        command: command.into(),
        actor: actor.into(),
        status: status.into(),
        reason: reason.into(),
        allowed: if allowed.is_empty() {
            "none".into()
        } else {
            allowed.join(", ")
        },
    }
}

/// One step's outcome, as the fold needs it.
pub(crate) struct Stepped<S, E> {
    pub(crate) state: S,
    pub(crate) effects: Vec<E>,
    pub(crate) duplicate: bool,
}

/// The replay fold: apply `commands` (each with its time) from `state` in order; collect
/// the effects of every applied command and the positions of the duplicates. The first
/// rejected command stops it with [`Error::AtEvent`] carrying its position.
pub(crate) fn fold<'a, S, C: 'a, E>(
    mut state: S,
    commands: impl Iterator<Item = (DateTime<FixedOffset>, &'a C)>,
    mut step: impl FnMut(&S, &C, DateTime<FixedOffset>) -> Result<Stepped<S, E>, Error>,
) -> Result<(S, Vec<E>, Vec<usize>), Error> {
    let mut effects = Vec::new();
    let mut duplicates = Vec::new();
    for (position, (at, command)) in commands.enumerate() {
        let stepped = step(&state, command, at).map_err(|error| Error::AtEvent {
            index: position,
            error: Box::new(error),
        })?;
        if stepped.duplicate {
            duplicates.push(position);
        } else {
            effects.extend(stepped.effects);
        }
        state = stepped.state;
    }
    Ok((state, effects, duplicates))
}
