//! Helpers shared by the integration tests: golden file reading.
#![allow(dead_code)]
pub mod ovs;

/// One golden record: flow text given to ovs-ofctl, the bytes it sent, and how
/// `ovs-ofctl ofp-print` prints those bytes back.
pub struct Golden {
    pub input: String,
    pub hex: String,
    pub printed: String,
}

pub fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

pub fn hex_encode(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn goldens(name: &str) -> Vec<Golden> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    while let (Some(i), Some(h), Some(o)) = (lines.next(), lines.next(), lines.next()) {
        out.push(Golden {
            input: i.strip_prefix("in: ").unwrap().to_string(),
            hex: h.strip_prefix("hex: ").unwrap().to_string(),
            printed: o.strip_prefix("out: ").unwrap().to_string(),
        });
    }
    out
}

pub fn ovs_ofctl_available() -> bool {
    std::process::Command::new("ovs-ofctl")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}
