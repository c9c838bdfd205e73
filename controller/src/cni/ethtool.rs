//! Turning TX checksum offload off on an interface (`ethtool -K IF tx off`) with one
//! `SIOCETHTOOL` ioctl.
//!
//! Why: the userspace datapath forwards what a veth hands it without completing partial
//! checksums, so TCP from a pod with TX offload on carries bad checksums. The ioctl acts
//! on the calling thread's network namespace: call it from `netns::run_in`.

use std::io;

const SIOCETHTOOL: libc::c_ulong = 0x8946;
const ETHTOOL_STXCSUM: u32 = 0x0000_0017;
const ETHTOOL_GTXCSUM: u32 = 0x0000_0016;

#[repr(C)]
struct EthtoolValue {
    cmd: u32,
    data: u32,
}

#[repr(C)]
struct IfReq {
    name: [u8; libc::IFNAMSIZ],
    data: *mut libc::c_void,
    _pad: [u8; 16],
}

fn ioctl(ifname: &str, value: &mut EthtoolValue) -> io::Result<()> {
    if ifname.is_empty() || ifname.len() >= libc::IFNAMSIZ {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "bad interface name",
        ));
    }
    let mut req = IfReq {
        name: [0; libc::IFNAMSIZ],
        data: value as *mut EthtoolValue as *mut libc::c_void,
        _pad: [0; 16],
    };
    req.name[..ifname.len()].copy_from_slice(ifname.as_bytes());
    // SAFETY: plain socket + ioctl with a correctly laid out ifreq whose data points at a
    // live ethtool_value; the fd is closed below.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let rc = libc::ioctl(fd, SIOCETHTOOL as _, &mut req as *mut IfReq);
        let err = io::Error::last_os_error();
        libc::close(fd);
        if rc < 0 {
            return Err(err);
        }
    }
    Ok(())
}

/// Disables TX checksum offload on `ifname`.
pub fn tx_checksum_off(ifname: &str) -> io::Result<()> {
    ioctl(
        ifname,
        &mut EthtoolValue {
            cmd: ETHTOOL_STXCSUM,
            data: 0,
        },
    )
}

/// Whether TX checksum offload is on for `ifname`.
pub fn tx_checksum_on(ifname: &str) -> io::Result<bool> {
    let mut v = EthtoolValue {
        cmd: ETHTOOL_GTXCSUM,
        data: 0,
    };
    ioctl(ifname, &mut v)?;
    Ok(v.data != 0)
}
