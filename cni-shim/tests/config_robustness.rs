//! Fuzz-like robustness of config decoding: thousands of mutated and generated network
//! configurations (deterministic PRNG, so failures reproduce) go through the decoder and
//! the whole plugin. Nothing may panic, every failure must be a spec error JSON with a
//! known code, and nothing may reach a controller (the socket points nowhere).

use cni_shim::{config, plugin};
use serde_json::{json, Value};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SEED_CONF: &str = r#"{"cniVersion":"1.1.0","name":"net-a","type":"rovn-cni","logicalSwitch":"ls-a",
 "apiSocket":"/nonexistent/rovn-cni-fuzz.sock","mtu":1400,
 "dns":{"nameservers":["10.96.0.10"],"search":["svc"],"options":["ndots:5"],"domain":"d"},
 "runtimeConfig":{"mac":"0a:58:0a:00:00:05","ips":["10.0.0.5/24"],"dns":{"Servers":["1.1.1.1"]}},
 "args":{"cni":{"ips":["10.0.0.6/24"],"mac":"0a:58:0a:00:00:06"}},
 "prevResult":{"interfaces":[{"name":"eth0","mac":"0a:58:0a:00:00:05","sandbox":"/n"}],
   "ips":[{"address":"10.0.0.5/24","gateway":"10.0.0.1","interface":0}],"routes":[{"dst":"0.0.0.0/0"}]},
 "cni.dev/valid-attachments":[{"containerID":"c1","ifname":"eth0"}]}"#;

const KEYS: &[&str] = &[
    "cniVersion",
    "name",
    "type",
    "logicalSwitch",
    "apiSocket",
    "mtu",
    "dns",
    "runtimeConfig",
    "args",
    "prevResult",
    "cni.dev/valid-attachments",
    "mac",
    "ips",
    "cni",
    "interfaces",
    "address",
    "gateway",
    "interface",
    "Servers",
];

fn random_value(r: &mut Rng, depth: u32) -> Value {
    match r.below(if depth > 3 { 6 } else { 9 }) {
        0 => Value::Null,
        1 => json!(r.below(2) == 0),
        2 => json!(r.next() as i64),
        3 => json!(r.next() % 70000),
        4 => json!(
            [
                "1.1.0",
                "0.4.0",
                "",
                "x",
                "10.0.0.1/24",
                "0a:58:0a:00:00:05",
                "/abs",
                "::/0",
                "\u{0}"
            ][r.below(9)]
        ),
        5 => json!(-1.5e300),
        6 => Value::Array(
            (0..r.below(4))
                .map(|_| random_value(r, depth + 1))
                .collect(),
        ),
        _ => {
            let mut m = serde_json::Map::new();
            for _ in 0..r.below(6) {
                m.insert(
                    KEYS[r.below(KEYS.len())].to_string(),
                    random_value(r, depth + 1),
                );
            }
            Value::Object(m)
        }
    }
}

fn mutate_tree(r: &mut Rng, v: &mut Value) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = &keys[r.below(keys.len())];
            match r.below(3) {
                0 => {
                    m.remove(k);
                }
                1 => {
                    m.insert(k.clone(), random_value(r, 0));
                }
                _ => mutate_tree(r, m.get_mut(k).unwrap()),
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = r.below(a.len());
            mutate_tree(r, &mut a[i]);
        }
        other => *other = random_value(r, 2),
    }
}

fn check_plugin(stdin: &[u8], cmd: &str) {
    let env = |k: &str| -> Option<String> {
        Some(
            match k {
                "CNI_COMMAND" => cmd,
                "CNI_CONTAINERID" => "c1",
                "CNI_NETNS" => "/var/run/netns/rovn-cni-fuzz",
                "CNI_IFNAME" => "eth0",
                "CNI_ARGS" => "K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p",
                _ => return None,
            }
            .to_string(),
        )
    };
    let out = plugin::run(env, stdin);
    let v: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout not JSON ({e}): {:?}", out.stdout));
    if out.exit_code == 0 {
        assert_eq!(
            cmd, "VERSION",
            "only VERSION can succeed without a controller: {v}"
        );
        assert!(v["supportedVersions"].is_array());
    } else {
        let code = v["code"]
            .as_u64()
            .unwrap_or_else(|| panic!("error without code: {v}"));
        assert!(
            [1, 4, 5, 6, 7, 11, 50].contains(&code),
            "unexpected code {code}: {v}"
        );
        assert!(v["msg"].is_string() && v["cniVersion"].is_string(), "{v}");
    }
}

#[test]
fn mutated_and_generated_configs_never_panic() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let seed: Value = serde_json::from_str(SEED_CONF).unwrap();
    let seed_bytes = seed.to_string().into_bytes();
    let cmds = ["ADD", "DEL", "CHECK", "STATUS", "GC", "VERSION"];

    // every truncation of the seed
    for n in (0..seed_bytes.len()).step_by(3) {
        let _ = config::parse(&seed_bytes[..n], None, &[]);
    }
    // byte-level mutations
    for _ in 0..1500 {
        let mut b = seed_bytes.clone();
        for _ in 0..1 + r.below(4) {
            let i = r.below(b.len());
            b[i] = match r.below(3) {
                0 => r.next() as u8,
                1 => b"{}[]\",:0123456789.-/\\"[r.below(21)],
                _ => 0xff,
            };
        }
        let _ = config::parse(&b, None, &[]);
        check_plugin(&b, cmds[r.below(cmds.len())]);
    }
    // structure-aware mutations of the seed and fully random objects
    for i in 0..1500 {
        let mut v = seed.clone();
        for _ in 0..1 + r.below(3) {
            mutate_tree(&mut r, &mut v);
        }
        if i % 4 == 0 {
            v = random_value(&mut r, 0);
        }
        let b = v.to_string().into_bytes();
        let _ = config::parse(&b, None, &[]);
        check_plugin(&b, cmds[r.below(cmds.len())]);
    }
}
