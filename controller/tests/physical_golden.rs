//! Golden tests: for deployments captured from the real OVN 23.03 (two chassis, one
//! switch; see `tests/data/physical/README.md`), the LocalView built from the captured
//! databases yields exactly the physical tables the real ovn-controller installed, cookies
//! included (the shared reference, whose multicast group rows were not saved, is compared
//! without cookies).

mod physical_common;
use controller::physical::physical_flows;
use physical_common::*;

/// Flow for flow, cookies included (the view's cookies come from the rows' UUIDs).
fn check(scenario: &str, chassis: &str) {
    let view = load_view(scenario, chassis);
    compare(scenario, chassis, view.clone());
    let want = reference_flows_with_cookies(scenario, chassis);
    let got = ours_with_cookies(&physical_flows(&view));
    let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).collect();
    let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{scenario}/{chassis} cookies:\nmissing:\n  {missing:#?}\nextra:\n  {extra:#?}"
    );
}

fn compare(scenario: &str, chassis: &str, view: controller::physical::LocalView) {
    let want = reference_flows(scenario, chassis);
    let got = ours(&physical_flows(&view));
    let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).collect();
    let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{scenario}/{chassis}:\nmissing (real ovn-controller has, we do not):\n  {}\nextra (we have, it does not):\n  {}",
        missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
        extra.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
    );
    assert_eq!(got.len(), want.len(), "duplicates");
}

/// The shared reference (`/work/shared/reference/ovn-23.03-two-chassis`), whose view is
/// built from its port bindings, `ovn-sbctl show` and `ovs-vsctl show`.
#[test]
fn shared_reference_ch1() {
    compare("shared-two-chassis", "ch1", load_shared_view("ch1"));
}

#[test]
fn shared_reference_ch2() {
    compare("shared-two-chassis", "ch2", load_shared_view("ch2"));
}

#[test]
fn base_ch1() {
    check("base", "ch1");
}

#[test]
fn base_ch2() {
    check("base", "ch2");
}

#[test]
fn port_security_and_localport_ch1() {
    check("portsec-localport", "ch1");
}

#[test]
fn port_security_and_localport_ch2() {
    check("portsec-localport", "ch2");
}

#[test]
fn port_security_variants_ch1() {
    check("portsec2", "ch1");
}

#[test]
fn port_security_variants_ch2() {
    check("portsec2", "ch2");
}

#[test]
fn vxlan_ch1() {
    check("vxlan", "ch1");
}

#[test]
fn vxlan_ch2() {
    check("vxlan", "ch2");
}

#[test]
fn localnet_ch1() {
    check("localnet-vxlan", "ch1");
}

#[test]
fn localnet_ch2() {
    check("localnet-vxlan", "ch2");
}

#[test]
fn fdb_ch1() {
    check("fdb-localnet-vxlan", "ch1");
}

#[test]
fn fdb_ch2() {
    check("fdb-localnet-vxlan", "ch2");
}

#[test]
fn router_ch1() {
    check("router", "ch1");
}

#[test]
fn router_ch2() {
    check("router", "ch2");
}
