//! ovs-ofctl group syntax: `group_id=1,type=select,bucket=weight:10,actions=output:1,...`,
//! with OVS's selection method (`selection_method=dp_hash`, or
//! `selection_method=hash,fields(ip_src,tcp_src)`, `selection_method_param=N`), parsed
//! ([`parse_group`]) and printed as `ovs-ofctl dump-groups` does ([`format_group`]).

use super::lex::{err, key_value, split_top, ParseError};
use super::parse_action::parse_action_list;
use super::print_action::format_actions;
use super::value::{parse_port, parse_uint, port_name};
use crate::wire::action::port;
use crate::wire::field::Field;
use crate::wire::msg::{Bucket, GroupMod, GroupType, Selection};

/// Parses a group into an ADD group_mod (OpenFlow 1.5 bucket properties as OVS emits
/// them: `weight` for select groups, `watch_port`/`watch_group` when given).
pub fn parse_group(s: &str) -> Result<GroupMod, ParseError> {
    let mut parts = s.split("bucket=");
    let head = parts.next().unwrap_or("");
    let mut g = GroupMod {
        command: 0,
        group_type: GroupType::All,
        group_id: 0,
        command_bucket_id: 0xffff_ffff,
        buckets: Vec::new(),
        selection: None,
    };
    let mut have_id = false;
    for item in split_top(head, true) {
        let (k, v) = key_value(item);
        match k {
            "group_id" => {
                g.group_id =
                    parse_uint(v).ok_or_else(|| ParseError(format!("bad group_id {v}")))? as u32;
                have_id = true;
            }
            "type" => {
                g.group_type = match v {
                    "all" => GroupType::All,
                    "select" => GroupType::Select,
                    "indirect" => GroupType::Indirect,
                    "ff" | "fast_failover" => GroupType::FastFailover,
                    _ => return err(format!("bad group type {v}")),
                }
            }
            "selection_method" => {
                if v.is_empty() || v.len() >= 16 {
                    return err(format!("bad selection_method {v}"));
                }
                g.selection.get_or_insert_with(Selection::default).method = v.to_string();
            }
            "selection_method_param" => {
                g.selection.get_or_insert_with(Selection::default).param = parse_uint(v)
                    .and_then(|p| u64::try_from(p).ok())
                    .ok_or_else(|| ParseError(format!("bad selection_method_param {v}")))?;
            }
            "fields" => {
                let sel = g.selection.get_or_insert_with(Selection::default);
                for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    let f = Field::from_name(name)
                        .ok_or_else(|| ParseError(format!("unknown field {name}")))?;
                    sel.fields.push(f);
                }
                sel.sort_fields();
            }
            _ => return err(format!("unknown group item {item}")),
        }
    }
    if !have_id {
        return err("must specify a group_id");
    }
    if let Some(sel) = &g.selection {
        if sel.method.is_empty() {
            return err("selection_method_param or fields given without selection_method");
        }
        if g.group_type != GroupType::Select {
            return err("selection_method is only for select groups");
        }
    }
    for (i, b) in parts.enumerate() {
        let b = b.trim().trim_end_matches(',');
        let mut bucket = Bucket {
            bucket_id: i as u32,
            ..Default::default()
        };
        let mut actions = None;
        let mut rest = b;
        while !rest.is_empty() {
            if let Some(a) = rest.strip_prefix("actions=") {
                actions = Some(a);
                break;
            }
            let (item, tail) = rest.split_once(',').unwrap_or((rest, ""));
            let (k, v) = key_value(item);
            let n = || parse_uint(v).ok_or_else(|| ParseError(format!("bad number in {item}")));
            match k {
                "weight" => bucket.weight = Some(n()? as u16),
                "watch_port" => {
                    bucket.watch_port =
                        Some(parse_port(v).ok_or_else(|| ParseError(format!("bad port {v}")))?)
                }
                "watch_group" => bucket.watch_group = Some(n()? as u32),
                "bucket_id" => bucket.bucket_id = n()? as u32,
                _ => {
                    actions = Some(rest);
                    break;
                }
            }
            rest = tail;
        }
        if g.group_type == GroupType::Select && bucket.weight.is_none() {
            bucket.weight = Some(1);
        }
        bucket.actions = match actions.map(str::trim) {
            None | Some("drop") => Vec::new(),
            Some(a) => parse_action_list(a)?,
        };
        g.buckets.push(bucket);
    }
    Ok(g)
}

/// A group as `ovs-ofctl -O OpenFlow15 dump-groups` prints it:
/// `group_id=1,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=...`.
pub fn format_group(g: &GroupMod) -> String {
    let mut s = format!("group_id={},type={}", g.group_id, g.group_type.name());
    if let Some(sel) = g.selection.as_ref().filter(|x| !x.method.is_empty()) {
        s.push_str(&format!(",selection_method={}", sel.method));
        if sel.param != 0 {
            s.push_str(&format!(",selection_method_param={}", sel.param));
        }
        let names: Vec<String> = sel.fields.iter().map(|f| f.name()).collect();
        match names.len() {
            0 => {}
            1 => s.push_str(&format!(",fields={}", names[0])),
            _ => s.push_str(&format!(",fields({})", names.join(","))),
        }
    }
    for b in &g.buckets {
        s.push_str(&format!(",bucket=bucket_id:{}", b.bucket_id));
        if g.group_type == GroupType::Select {
            // Weight 1 is the default and not printed.
            if let Some(w) = b.weight.filter(|w| *w != 1) {
                s.push_str(&format!(",weight:{w}"));
            }
        }
        if let Some(p) = b.watch_port.filter(|p| *p != port::ANY) {
            s.push_str(&format!(",watch_port:{}", port_name(p)));
        }
        if let Some(w) = b.watch_group.filter(|w| *w != 0xffff_ffff) {
            s.push_str(&format!(",watch_group:{w}"));
        }
        s.push_str(&format!(",actions={}", format_actions(&b.actions)));
    }
    s
}

/// Parses `{class=0x0102,type=0x80,len=4}->tun_metadata0[,...]` TLV mappings.
pub fn parse_tlv_maps(s: &str) -> Result<Vec<crate::wire::msg::TlvMap>, ParseError> {
    let mut out = Vec::new();
    for m in split_top(s, false) {
        let (opt, dst) = m
            .split_once("->")
            .ok_or_else(|| ParseError(format!("bad TLV mapping {m}")))?;
        let idx = dst
            .trim()
            .strip_prefix("tun_metadata")
            .and_then(|x| x.parse::<u16>().ok())
            .ok_or_else(|| ParseError(format!("bad TLV target {dst}")))?;
        let inner = opt.trim().trim_start_matches('{').trim_end_matches('}');
        let (mut class, mut ty, mut len) = (None, None, None);
        for kv in inner.split(',') {
            let (k, v) = key_value(kv.trim());
            let v = parse_uint(v).ok_or_else(|| ParseError(format!("bad number {v}")))?;
            match k {
                "class" => class = Some(v as u16),
                "type" => ty = Some(v as u8),
                "len" => len = Some(v as u8),
                _ => return err(format!("bad TLV key {k}")),
            }
        }
        match (class, ty, len) {
            (Some(c), Some(t), Some(l)) => out.push(crate::wire::msg::TlvMap {
                option_class: c,
                option_type: t,
                option_len: l,
                index: idx,
            }),
            _ => return err(format!("TLV mapping {m} needs class, type and len")),
        }
    }
    Ok(out)
}
