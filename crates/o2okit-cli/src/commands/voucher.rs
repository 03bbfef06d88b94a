//! `o2okit voucher issue|verify`: offline-verifiable voucher codes.
//!
//! The arguments are turned into the wire requests (`voucher.issue_batch`,
//! `voucher.verify`) and decoded by the library, so the CLI accepts and rejects exactly what
//! the wire functions do.

use serde_json::{json, Map, Value};

use crate::cli::{VoucherArgs, VoucherCodeArgs, VoucherCommand};
use crate::error::{encode_error, pretty_json, CliError};
use crate::input::read_input;

/// Run a voucher subcommand.
pub fn run(args: &VoucherArgs) -> Result<String, CliError> {
    match &args.command {
        VoucherCommand::Issue(issue) => {
            let mut request = common(&issue.code)?;
            request.insert("first_serial".into(), json!(issue.serial));
            request.insert("count".into(), json!(issue.count));
            let request: o2okit::VoucherBatchRequest =
                o2okit::decode(&Value::Object(request).to_string())?;
            let codes = request.issue()?;
            if issue.json {
                let value = serde_json::to_value(&codes).map_err(encode_error)?;
                return Ok(pretty_json(&value));
            }
            Ok(codes.iter().map(|c| format!("{}\n", c.code)).collect())
        }
        VoucherCommand::Verify(verify) => {
            let mut request = common(&verify.code_args)?;
            request.insert("code".into(), json!(verify.code));
            request.insert("now".into(), json!(verify.at));
            let request: o2okit::VoucherVerifyRequest =
                o2okit::decode(&Value::Object(request).to_string())?;
            let verification = request.verify()?;
            let text = if verify.json {
                let value = serde_json::to_value(verification).map_err(encode_error)?;
                pretty_json(&value)
            } else {
                verdict(&verification)
            };
            if verification.valid {
                Ok(text)
            } else {
                Err(CliError::Rejected(text))
            }
        }
    }
}

/// `valid, serial 42` / `invalid: mismatch` / `invalid: expired, serial 42`.
fn verdict(v: &o2okit::Verification) -> String {
    let serial = v
        .serial
        .map(|s| format!(", serial {s}"))
        .unwrap_or_default();
    match v.reason {
        None => format!("valid{serial}\n"),
        Some(reason) => {
            let reason = serde_json::to_value(reason)
                .ok()
                .and_then(|r| r.as_str().map(str::to_string))
                .unwrap_or_default();
            format!("invalid: {reason}{serial}\n")
        }
    }
}

/// The key (read from its file), spec and scope as wire fields.
fn common(args: &VoucherCodeArgs) -> Result<Map<String, Value>, CliError> {
    let key = read_input(Some(&args.key_file))?;
    let mut scope = Map::new();
    if let Some(store) = &args.store {
        scope.insert("store_id".into(), json!(store));
    }
    if let Some(deal) = &args.deal {
        scope.insert("deal_id".into(), json!(deal));
    }
    if let Some(expires) = &args.expires {
        scope.insert("expires_at".into(), json!(expires));
    }
    let mut request = Map::new();
    request.insert("key".into(), json!(key.trim()));
    request.insert(
        "spec".into(),
        json!({"digits": args.digits, "serial_digits": args.serial_digits, "check": args.check}),
    );
    request.insert("scope".into(), Value::Object(scope));
    Ok(request)
}
