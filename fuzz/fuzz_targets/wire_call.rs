//! Any bytes, as JSON input to any wire function: must return Ok or a typed error with a
//! known code, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let functions = o2okit::FUNCTIONS;
    let function = functions[usize::from(selector) % functions.len()];
    if let Err(e) = o2okit::call(function, text) {
        assert!(o2okit::ERROR_CODES.contains(&e.code()), "unlisted code {}", e.code());
    }
});
