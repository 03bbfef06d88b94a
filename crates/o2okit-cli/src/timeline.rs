//! A group-buy event log as text: one entry per event (what happened and the effects to
//! carry out), then the money totals and the progress a front-end would show.

use chrono::{DateTime, FixedOffset};
use o2okit::{
    groupbuy_open, groupbuy_progress, groupbuy_step, Error, GroupBuyCampaign, GroupBuyEffect,
    GroupBuyEvent, GroupBuyKind, GroupBuyOutcome, GroupBuyState, Money, OutcomeKind, TimedEvent,
};

/// How to replay.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Show a rejected event and go on (the state is unchanged by it), instead of stopping
    /// with its error as `groupbuy.replay` does.
    pub keep_going: bool,
    /// Replay only the events up to this time and report progress at it (default: every
    /// event, progress at the time of the last one).
    pub progress_at: Option<DateTime<FixedOffset>>,
}

/// The replayed log as text, each line prefixed with `indent`, and the final state.
pub fn timeline(
    campaign: &GroupBuyCampaign,
    events: &[TimedEvent],
    options: Options,
    indent: &str,
) -> Result<(String, GroupBuyState), Error> {
    let mut state = groupbuy_open(campaign)?;
    let mut out = Vec::new();
    out.push(describe_campaign(campaign));
    out.push(format!("deadline {}", campaign.deadline.to_rfc3339()));
    out.push(String::new());
    let mut totals = Totals::default();
    let until = options.progress_at;
    for (index, timed) in events.iter().enumerate() {
        if until.is_some_and(|t| timed.at > t) {
            break;
        }
        let head = format!(
            "#{index:<3} {}  {}",
            timed.at.format("%m-%d %H:%M:%S"),
            describe_event(&timed.event)
        );
        match groupbuy_step(&state, &timed.event, timed.at) {
            Ok(step) => {
                out.push(format!("{head}  -> {}", describe_outcome(&step.outcome)));
                for effect in &step.effects {
                    totals.add(effect)?;
                    out.push(format!("       {}", describe_effect(effect)));
                }
                state = step.state;
            }
            Err(error) if options.keep_going => {
                out.push(format!("{head}  -> rejected [{}]: {error}", error.code()));
            }
            Err(error) => {
                return Err(Error::AtEvent {
                    index,
                    error: Box::new(error),
                })
            }
        }
    }
    out.push(String::new());
    out.push(format!("status: {}", state.status.as_str()));
    if let Some(price) = &state.final_price {
        out.push(format!("final price: {price}"));
    }
    out.extend(totals.lines());
    let at = until
        .or_else(|| events.last().map(|e| e.at))
        .unwrap_or(campaign.deadline);
    let progress = groupbuy_progress(&state, at)?;
    let mut summary = format!("progress at {}: {} held", at.to_rfc3339(), progress.count);
    if progress.pending > 0 {
        summary.push_str(&format!(" ({} awaiting payment)", progress.pending));
    }
    if let Some(needed) = progress.needed.filter(|n| *n > 0) {
        summary.push_str(&format!(", {needed} more needed"));
    }
    if let Some(price) = &progress.current_price {
        summary.push_str(&format!(", price now {price}"));
    }
    if let (Some(next), Some(at)) = (&progress.next_price, progress.next_tier_at) {
        summary.push_str(&format!(", {next} from {at}"));
    }
    out.push(summary);
    if let Some(hint) = &progress.hint {
        out.push(format!("  {}", hint.message));
    }
    for team in &progress.teams {
        let bar = bar(team.count, team.size);
        let mut line = format!(
            "  team {:<4} {bar} {}/{} {}",
            team.team_id,
            team.count,
            team.size,
            team.status.as_str()
        );
        if let Some(hint) = &team.hint {
            line.push_str(&format!(": {}", hint.message));
        }
        out.push(line);
    }
    let text = out
        .iter()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("{indent}{l}\n")
            }
        })
        .collect();
    Ok((text, state))
}

/// A ten-cell progress bar.
fn bar(count: u32, size: u32) -> String {
    let filled = u64::from(count.min(size))
        .saturating_mul(10)
        .checked_div(u64::from(size))
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0)
        .min(10);
    format!(
        "[{}{}]",
        "#".repeat(filled),
        ".".repeat(10usize.saturating_sub(filled))
    )
}

fn describe_campaign(campaign: &GroupBuyCampaign) -> String {
    let kind = match &campaign.kind {
        GroupBuyKind::TippingPoint {
            price,
            min_participants,
        } => format!("tipping point: {price} a place, needs {min_participants} paid"),
        GroupBuyKind::TeamBuy {
            size,
            window_seconds,
            price,
            leader_price,
            virtual_fill,
        } => {
            let mut text = format!(
                "team buy: teams of {size} within {} of opening, {price} a place",
                duration(*window_seconds)
            );
            if let Some(leader) = leader_price {
                text.push_str(&format!(", leader {leader}"));
            }
            if let Some(fill) = virtual_fill {
                text.push_str(&format!(
                    ", virtual fill from {} real members",
                    fill.min_real
                ));
            }
            text
        }
        GroupBuyKind::Ladder { tiers } => {
            let tiers: Vec<String> = tiers
                .iter()
                .map(|t| format!("{}+ -> {}", t.min_participants, t.price.amount()))
                .collect();
            format!("ladder: {}", tiers.join(", "))
        }
    };
    let mut text = format!("campaign {}: {kind}", campaign.id);
    if let Some(max) = campaign.max_participants {
        text.push_str(&format!(", at most {max} places"));
    }
    text
}

fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (h, m, s) {
        (h, 0, 0) => format!("{h} h"),
        (0, m, 0) => format!("{m} min"),
        (0, 0, s) => format!("{s} s"),
        _ => format!("{h} h {m} min {s} s"),
    }
}

fn describe_event(event: &GroupBuyEvent) -> String {
    match event {
        GroupBuyEvent::OpenTeam { customer_id, .. } => format!("{customer_id} opens a team"),
        GroupBuyEvent::Join {
            customer_id,
            team_id: Some(team),
            ..
        } => format!("{customer_id} joins team {team}"),
        GroupBuyEvent::Join { customer_id, .. } => format!("{customer_id} joins"),
        GroupBuyEvent::Leave {
            participation_id, ..
        } => format!("{participation_id} leaves"),
        GroupBuyEvent::PaymentConfirmed {
            participation_id, ..
        } => format!("{participation_id} pays"),
        GroupBuyEvent::Cancel {
            team_id: Some(team),
            ..
        } => format!("merchant cancels team {team}"),
        GroupBuyEvent::Cancel { .. } => "merchant cancels the campaign".into(),
        GroupBuyEvent::Close { .. } => "merchant closes the campaign".into(),
        GroupBuyEvent::Tick => "time passes".into(),
    }
}

fn describe_outcome(outcome: &GroupBuyOutcome) -> String {
    let mut text = match outcome.kind {
        OutcomeKind::OpenedTeam => format!(
            "team {} opened, place {}",
            outcome.team_id.as_deref().unwrap_or("?"),
            outcome.participation_id.as_deref().unwrap_or("?")
        ),
        OutcomeKind::Joined => format!(
            "place {}",
            outcome.participation_id.as_deref().unwrap_or("?")
        ),
        OutcomeKind::Duplicate => format!(
            "duplicate of key {:?}, nothing changed",
            outcome.key.as_deref().unwrap_or("")
        ),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    };
    if let Some(leader) = &outcome.new_leader {
        text.push_str(&format!(", {leader} is now leader"));
    }
    text
}

fn describe_effect(effect: &GroupBuyEffect) -> String {
    match effect {
        GroupBuyEffect::Charge {
            participation_id,
            customer_id,
            amount,
            ..
        } => format!("charge {customer_id} {amount} ({participation_id})"),
        GroupBuyEffect::VoidCharge {
            participation_id,
            customer_id,
            amount,
        } => format!("void the unpaid charge of {amount} to {customer_id} ({participation_id})"),
        GroupBuyEffect::RefundFull {
            participation_id,
            customer_id,
            amount,
        } => format!("refund {customer_id} {amount} in full ({participation_id})"),
        GroupBuyEffect::RefundDifference {
            participation_id,
            customer_id,
            paid,
            final_price,
            amount,
        } => format!(
            "refund {customer_id} {amount}: paid {}, final price {} ({participation_id})",
            paid.amount(),
            final_price.amount()
        ),
        GroupBuyEffect::IssueVouchers {
            participation_id,
            customer_id,
            count,
        } => format!("issue {count} voucher(s) to {customer_id} ({participation_id})"),
        GroupBuyEffect::NotifySuccess {
            team_id,
            participants,
            virtual_fill,
            final_price,
        } => {
            let mut text = match team_id {
                Some(team) => format!("notify success: team {team}, {participants} paid"),
                None => format!("notify success: {participants} paid"),
            };
            if let Some(fill) = virtual_fill {
                text.push_str(&format!(
                    ", VIRTUAL FILL: {} real + {} filled",
                    fill.real, fill.filled
                ));
            }
            if let Some(price) = final_price {
                text.push_str(&format!(", final price {price}"));
            }
            text
        }
        GroupBuyEffect::NotifyFailure { team_id, reason } => {
            let reason = serde_json::to_value(reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            match team_id {
                Some(team) => format!("notify failure: team {team} ({reason})"),
                None => format!("notify failure ({reason})"),
            }
        }
    }
}

/// Money moved by the effects.
#[derive(Debug, Default)]
struct Totals {
    charged: Option<Money>,
    voided: Option<Money>,
    refunded_full: Option<Money>,
    refunded_difference: Option<Money>,
    vouchers: u64,
}

impl Totals {
    fn add(&mut self, effect: &GroupBuyEffect) -> Result<(), Error> {
        let (slot, amount) = match effect {
            GroupBuyEffect::Charge { amount, .. } => (&mut self.charged, amount),
            GroupBuyEffect::VoidCharge { amount, .. } => (&mut self.voided, amount),
            GroupBuyEffect::RefundFull { amount, .. } => (&mut self.refunded_full, amount),
            GroupBuyEffect::RefundDifference { amount, .. } => {
                (&mut self.refunded_difference, amount)
            }
            GroupBuyEffect::IssueVouchers { count, .. } => {
                self.vouchers = self.vouchers.saturating_add(u64::from(*count));
                return Ok(());
            }
            _ => return Ok(()),
        };
        *slot = Some(match slot.take() {
            Some(sum) => sum.checked_add(*amount)?,
            None => *amount,
        });
        Ok(())
    }

    fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (label, value) in [
            ("charged", &self.charged),
            ("voided (never paid)", &self.voided),
            ("refunded in full", &self.refunded_full),
            ("refunded differences", &self.refunded_difference),
        ] {
            if let Some(v) = value {
                lines.push(format!("{label}: {v}"));
            }
        }
        if let Some(charged) = &self.charged {
            let mut kept = Ok(*charged);
            for out in [&self.voided, &self.refunded_full, &self.refunded_difference]
                .into_iter()
                .flatten()
            {
                kept = kept.and_then(|k: Money| k.checked_sub(*out));
            }
            if let Ok(kept) = kept {
                lines.push(format!("kept (charged - voided - refunded): {kept}"));
            }
        }
        if self.vouchers > 0 {
            lines.push(format!("vouchers issued: {}", self.vouchers));
        }
        lines
    }
}
