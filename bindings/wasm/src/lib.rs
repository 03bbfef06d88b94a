//! WebAssembly binding of o2okit, published to npm as `o2okit`.
//!
//! This crate is deliberately thin: it exposes the core's JSON-in/JSON-out dispatcher
//! [`o2okit::call`] and nothing else of substance. The typed JavaScript API (`allocate`,
//! `parseMoney`, …) is a small hand-written wrapper in `js/` that calls [`call_bytes`] with
//! the UTF-8 bytes of `JSON.stringify(input)` and parses the result, so JavaScript decodes
//! through exactly the same code path as Rust, the CLI and the golden vectors.
//!
//! On failure [`call`] throws a real JavaScript `Error` whose `message` is the core's
//! message, with the properties `code` (the stable [`o2okit::Error::code`]), `category`
//! and `details` (the object [`o2okit::Error::to_json_value`] describes).
//!
//! The core never panics on any input; should a bug make it panic anyway, the panic hook
//! installed when the module starts throws an `Error` with the code `internal` instead of
//! printing to the console, and the JS wrapper then starts a fresh instance of the module
//! (the wasm package is built with `panic = "abort"`: the instance that panicked is left
//! mid-call and is not used again).

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

/// [`call`] with the input as UTF-8 bytes: what the typed JS API uses. The JS side writes
/// `JSON.stringify(input)` with `TextEncoder.encodeInto` into a reused buffer, which is one
/// native copy, where passing a JS string runs wasm-bindgen's character-by-character loop
/// (about 60 times slower for a 5 KB request).
///
/// # Errors
/// As [`call`]; bytes that are not UTF-8 (which `encodeInto` never writes) are
/// `invalid_json`.
#[wasm_bindgen(js_name = callBytes)]
pub fn call_bytes(function: &str, input: &[u8]) -> Result<String, JsValue> {
    let input = std::str::from_utf8(input).map_err(|e| {
        to_js_error(&o2okit::Error::Decode {
            code: "invalid_json",
            message: format!(
                "invalid input: it is not UTF-8 (at byte {})",
                e.valid_up_to()
            ),
        })
    })?;
    call(function, input)
}

/// The size of the module's linear memory in 64 KiB pages (it only grows; a diagnostic for
/// monitoring, used by the tests that check that 100,000 failing calls leave it bounded).
#[wasm_bindgen(js_name = memoryPages)]
pub fn memory_pages() -> u32 {
    #[cfg(target_arch = "wasm32")]
    let pages = core::arch::wasm32::memory_size::<0>();
    #[cfg(not(target_arch = "wasm32"))]
    let pages = 0usize;
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// Install the panic hook when the module is instantiated (and again for each fresh
/// instance the JS wrapper starts after a panic).
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(on_panic));
}

/// A panic is a bug of o2okit (every bad input has a typed error): throw it to JavaScript as
/// an `Error` with the code `internal`, naming the place, instead of trapping with
/// `unreachable`. The instance that panicked is left mid-call (`panic = "abort"`: nothing
/// unwinds), so the JS wrapper starts a fresh instance before the next call.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let message = format!(
        "internal error in o2okit (a bug: please report it with the input that caused it): {what}{place}"
    );
    let js_err = js_sys::Error::new(&message);
    js_err.set_name("O2OError");
    let details = Object::new();
    let _ = Reflect::set(&details, &"code".into(), &"internal".into());
    let _ = Reflect::set(&details, &"category".into(), &"internal".into());
    let _ = Reflect::set(&details, &"message".into(), &message.as_str().into());
    let _ = Reflect::set(&js_err, &"code".into(), &"internal".into());
    let _ = Reflect::set(&js_err, &"category".into(), &"internal".into());
    let _ = Reflect::set(&js_err, &"details".into(), &details);
    wasm_bindgen::throw_val(js_err.into());
}

/// Panic on purpose: only in the test build (feature `test-panic`), so that the tests can
/// check what a panic turns into. Never part of the published package.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = testPanic)]
pub fn test_panic(message: &str) {
    #[allow(clippy::panic)]
    {
        panic!("{message}");
    }
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
