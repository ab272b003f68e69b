//! The libFuzzer entry point. `COGOV_FUZZ_TARGET` names the target (see `cogov_fuzz::TARGETS`); the arguments
//! are libFuzzer's (corpus directories, `-max_total_time=`, `-artifact_prefix=`, …). Built and run by
//! `scripts/fuzz`, which instruments the cogov crates for coverage.
#![no_main]
// libfuzzer-sys's macro defines the `#[no_mangle]` function libFuzzer calls.
#![allow(unsafe_code)]

use std::sync::OnceLock;

fn target() -> &'static str {
    static TARGET: OnceLock<String> = OnceLock::new();
    TARGET.get_or_init(|| {
        let name = std::env::var("COGOV_FUZZ_TARGET").unwrap_or_default();
        if !cogov_fuzz::TARGETS.contains(&name.as_str()) {
            eprintln!("COGOV_FUZZ_TARGET must be one of: {}", cogov_fuzz::TARGETS.join(", "));
            std::process::exit(2);
        }
        name
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cogov_fuzz::run(target(), data);
});
