//! `rovn-cni`: the CNI plugin binary. Reads the CNI environment and the network
//! configuration on stdin, prints the result (or the error JSON) on stdout, exits 0 or 1.

use std::io::{Read, Write};

fn main() {
    let mut stdin = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut stdin) {
        // An unreadable stdin is a decoding failure like any other.
        let err = cni_shim::error::CniError::new(cni_shim::error::Code::Io, "cannot read stdin")
            .with_details(e.to_string());
        println!("{}", err.to_json(cni_shim::version::LATEST));
        std::process::exit(1);
    }
    let out = cni_shim::plugin::run(|k| std::env::var(k).ok(), &stdin);
    if out.exit_code != 0 {
        eprintln!("rovn-cni: {}", out.stdout);
    }
    let mut so = std::io::stdout().lock();
    let _ = so.write_all(out.stdout.as_bytes());
    if !out.stdout.is_empty() {
        let _ = so.write_all(b"\n");
    }
    let _ = so.flush();
    std::process::exit(out.exit_code);
}
