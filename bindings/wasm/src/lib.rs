//! WebAssembly binding of o2okit, published to npm as `o2okit`.
//!
//! This crate is deliberately thin: it exposes the core's JSON-in/JSON-out dispatcher
//! [`o2okit::call`] and nothing else of substance. The typed JavaScript API (`allocate`,
//! `parseMoney`, …) is a small hand-written wrapper in `js/` that calls [`call`] with
//! `JSON.stringify(input)` and parses the result, so JavaScript decodes through exactly the
//! same code path as Rust, the CLI and the golden vectors.
//!
//! On failure [`call`] throws a real JavaScript `Error` whose `message` is the core's
//! message, with the properties `code` (the stable [`o2okit::Error::code`]), `category`
//! and `details` (the object [`o2okit::Error::to_json_value`] describes).

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

/// Run one o2okit function by its wire name (see [`o2okit::FUNCTIONS`]) on a JSON input and
/// return its JSON output.
///
/// # Errors
/// A JavaScript `Error` carrying `code`, `category` and `details`, for every error of the
/// core (including malformed JSON, `invalid_json`, and unknown functions).
#[wasm_bindgen]
pub fn call(function: &str, input: &str) -> Result<String, JsValue> {
    o2okit::call(function, input).map_err(|err| to_js_error(&err))
}

/// The version of the o2okit core this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The wire names [`call`] knows (the core's [`o2okit::FUNCTIONS`]).
#[wasm_bindgen]
pub fn functions() -> Vec<String> {
    to_strings(o2okit::FUNCTIONS.iter().copied())
}

/// Every stable error code (the core's [`o2okit::ERROR_CODES`]).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    to_strings(o2okit::ERROR_CODES.iter().copied())
}

/// Every rounding mode's wire name, default (`half_even`) first.
#[wasm_bindgen(js_name = roundingModes)]
pub fn rounding_modes() -> Vec<String> {
    to_strings(
        o2okit::Rounding::ALL
            .into_iter()
            .map(o2okit::Rounding::as_str),
    )
}

// getrandom 0.2 (reached through the core's geo -> rand) needs a backend on
// wasm32-unknown-unknown. Nothing in o2okit asks for randomness, so the backend refuses: if a
// future dependency ever called it, it would fail loudly instead of making a result depend on
// chance (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
fn no_randomness(_buf: &mut [u8]) -> Result<(), getrandom::Error> {
    Err(getrandom::Error::UNSUPPORTED)
}
#[cfg(all(target_arch = "wasm32", target_os = "unknown", feature = "full"))]
getrandom::register_custom_getrandom!(no_randomness);

fn to_strings<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    names.map(str::to_string).collect()
}

/// Build the thrown value: a `js_sys::Error` with `name`, `code`, `category` and
/// `details`. Setting a property on a fresh `Error` object cannot fail, so the results of
/// `Reflect::set` are ignored rather than turned into a second error.
fn to_js_error(err: &o2okit::Error) -> JsValue {
    let js_err = js_sys::Error::new(&err.to_string());
    js_err.set_name("O2OError");
    let details = JSON::parse(&err.to_json_value().to_string())
        .unwrap_or_else(|_| JsValue::from(Object::new()));
    let _ = Reflect::set(&js_err, &"code".into(), &err.code().into());
    let _ = Reflect::set(&js_err, &"category".into(), &err.category().as_str().into());
    let _ = Reflect::set(&js_err, &"details".into(), &details);
    js_err.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_mirror_the_core() {
        assert_eq!(functions(), o2okit::FUNCTIONS);
        assert_eq!(error_codes(), o2okit::ERROR_CODES);
        assert_eq!(
            rounding_modes().first().map(String::as_str),
            Some("half_even")
        );
        assert_eq!(rounding_modes().len(), o2okit::Rounding::ALL.len());
        assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    }
}
