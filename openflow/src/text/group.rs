//! ovs-ofctl group syntax: `group_id=1,type=select,bucket=weight:10,actions=output:1,...`.

use super::lex::{err, key_value, split_top, ParseError};
use super::parse_action::parse_action_list;
use super::value::{parse_port, parse_uint};
use crate::wire::msg::{Bucket, GroupMod, GroupType};

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
            _ => return err(format!("unknown group item {item}")),
        }
    }
    if !have_id {
        return err("must specify a group_id");
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
        bucket.actions = parse_action_list(actions.unwrap_or(""))?;
        g.buckets.push(bucket);
    }
    Ok(g)
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
