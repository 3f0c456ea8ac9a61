//! The SSRF guard's view of IP addresses: which ones the client may connect to.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What kind of destination an IP address is.
///
/// Only [`AddressClass::Public`] is reachable by default. [`AddressClass::Loopback`] becomes
/// reachable through [`HttpClientBuilder::dangerous`](crate::HttpClientBuilder::dangerous) (tests
/// and a local sandbox); every other class is always refused.
///
/// IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`) IPv6 addresses are classified by
/// the IPv4 address they embed.
///
/// ```
/// use shopmcp_http::AddressClass;
/// assert_eq!(AddressClass::of("10.0.0.1".parse().unwrap()), AddressClass::Private);
/// assert_eq!(AddressClass::of("169.254.169.254".parse().unwrap()), AddressClass::CloudMetadata);
/// assert_eq!(AddressClass::of("::ffff:127.0.0.1".parse().unwrap()), AddressClass::Loopback);
/// assert!(AddressClass::of("93.184.215.14".parse().unwrap()).is_public());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AddressClass {
    /// A globally routable unicast address.
    Public,
    /// `127.0.0.0/8`, `::1`.
    Loopback,
    /// RFC 1918 (`10/8`, `172.16/12`, `192.168/16`) and IPv6 site-local (`fec0::/10`).
    Private,
    /// `169.254/16`, `fe80::/10`.
    LinkLocal,
    /// Cloud instance-metadata endpoints: `169.254.169.254`, `fd00:ec2::254`,
    /// `100.100.100.200`, `192.0.0.192`.
    CloudMetadata,
    /// Carrier-grade NAT shared space, `100.64/10`.
    CarrierGradeNat,
    /// IPv6 unique-local, `fc00::/7`.
    UniqueLocal,
    /// `224/4`, `ff00::/8`.
    Multicast,
    /// `0.0.0.0/8`, `::`.
    Unspecified,
    /// `255.255.255.255`.
    Broadcast,
    /// Documentation ranges (`192.0.2/24`, `198.51.100/24`, `203.0.113/24`, `2001:db8::/32`,
    /// `3fff::/20`).
    Documentation,
    /// Anything else that is not public unicast: `240/4`, `192.0.0/24`, `198.18/15`,
    /// `192.88.99/24`, IPv6 outside `2000::/3`, `2001::/23`, `2002::/16`.
    Reserved,
}

impl AddressClass {
    /// Classifies an address.
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => classify_v4(v4),
            IpAddr::V6(v6) => classify_v6(v6),
        }
    }

    /// Whether this is a globally routable unicast address.
    pub const fn is_public(self) -> bool {
        matches!(self, Self::Public)
    }

    /// A short description, e.g. "a private network address".
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Public => "a public address",
            Self::Loopback => "a loopback address",
            Self::Private => "a private network address",
            Self::LinkLocal => "a link-local address",
            Self::CloudMetadata => "a cloud metadata address",
            Self::CarrierGradeNat => "a carrier-grade NAT address",
            Self::UniqueLocal => "a unique-local IPv6 address",
            Self::Multicast => "a multicast address",
            Self::Unspecified => "an unspecified address",
            Self::Broadcast => "the broadcast address",
            Self::Documentation => "a documentation-only address",
            Self::Reserved => "a reserved address",
        }
    }
}

impl fmt::Display for AddressClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], prefix: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
    (u32::from(ip) & mask) == (u32::from(Ipv4Addr::from(net)) & mask)
}

fn in_v6(ip: Ipv6Addr, net: [u16; 8], prefix: u32) -> bool {
    let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
    let [a, b, c, d, e, f, g, h] = net;
    (u128::from(ip) & mask) == (u128::from(Ipv6Addr::new(a, b, c, d, e, f, g, h)) & mask)
}

fn classify_v4(ip: Ipv4Addr) -> AddressClass {
    use AddressClass as C;
    const METADATA: [[u8; 4]; 3] = [[169, 254, 169, 254], [100, 100, 100, 200], [192, 0, 0, 192]];
    const RANGES: &[([u8; 4], u32, AddressClass)] = &[
        ([0, 0, 0, 0], 8, C::Unspecified),
        ([127, 0, 0, 0], 8, C::Loopback),
        ([10, 0, 0, 0], 8, C::Private),
        ([172, 16, 0, 0], 12, C::Private),
        ([192, 168, 0, 0], 16, C::Private),
        ([169, 254, 0, 0], 16, C::LinkLocal),
        ([100, 64, 0, 0], 10, C::CarrierGradeNat),
        ([224, 0, 0, 0], 4, C::Multicast),
        ([255, 255, 255, 255], 32, C::Broadcast),
        ([240, 0, 0, 0], 4, C::Reserved),
        ([192, 0, 2, 0], 24, C::Documentation),
        ([198, 51, 100, 0], 24, C::Documentation),
        ([203, 0, 113, 0], 24, C::Documentation),
        ([192, 0, 0, 0], 24, C::Reserved),
        ([198, 18, 0, 0], 15, C::Reserved),
        ([192, 88, 99, 0], 24, C::Reserved),
    ];
    if METADATA.contains(&ip.octets()) {
        return C::CloudMetadata;
    }
    RANGES
        .iter()
        .find(|(net, prefix, _)| in_v4(ip, *net, *prefix))
        .map_or(C::Public, |(_, _, class)| *class)
}

fn classify_v6(ip: Ipv6Addr) -> AddressClass {
    use AddressClass as C;
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    if in_v6(ip, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96) {
        let [.., a, b, c, d] = ip.octets();
        return classify_v4(Ipv4Addr::new(a, b, c, d));
    }
    if ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
        return C::CloudMetadata;
    }
    if ip.is_unspecified() {
        return C::Unspecified;
    }
    if ip.is_loopback() {
        return C::Loopback;
    }
    const RANGES: &[([u16; 8], u32, AddressClass)] = &[
        ([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, C::UniqueLocal),
        ([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, C::LinkLocal),
        ([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10, C::Private),
        ([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, C::Multicast),
        ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, C::Documentation),
        ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20, C::Documentation),
        ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23, C::Reserved),
        ([0x2002, 0, 0, 0, 0, 0, 0, 0], 16, C::Reserved),
    ];
    if let Some((_, _, class)) = RANGES.iter().find(|(net, p, _)| in_v6(ip, *net, *p)) {
        return *class;
    }
    if in_v6(ip, [0x2000, 0, 0, 0, 0, 0, 0, 0], 3) {
        C::Public
    } else {
        C::Reserved
    }
}

/// Which address classes one client may reach.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AddressPolicy {
    /// Loopback is reachable (set only through the dangerous door).
    pub(crate) allow_loopback: bool,
}

impl AddressPolicy {
    /// Ok when `ip` may be connected to.
    pub(crate) fn check(self, ip: IpAddr) -> Result<(), AddressRefused> {
        match AddressClass::of(ip) {
            AddressClass::Public => Ok(()),
            AddressClass::Loopback if self.allow_loopback => Ok(()),
            class => Err(AddressRefused { class, ip }),
        }
    }
}

/// A destination address refused by the SSRF guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AddressRefused {
    pub(crate) class: AddressClass,
    pub(crate) ip: IpAddr,
}

impl fmt::Display for AddressRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "destination {} is {}", self.ip, self.class)
    }
}

impl std::error::Error for AddressRefused {}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> AddressClass {
        AddressClass::of(s.parse().unwrap())
    }

    #[test]
    fn v4_classes() {
        use AddressClass as C;
        let cases = [
            ("127.0.0.1", C::Loopback),
            ("127.255.1.2", C::Loopback),
            ("10.0.0.1", C::Private),
            ("172.16.0.1", C::Private),
            ("172.31.255.255", C::Private),
            ("172.32.0.1", C::Public),
            ("192.168.1.1", C::Private),
            ("169.254.169.254", C::CloudMetadata),
            ("100.100.100.200", C::CloudMetadata),
            ("192.0.0.192", C::CloudMetadata),
            ("169.254.1.1", C::LinkLocal),
            ("100.64.0.1", C::CarrierGradeNat),
            ("100.127.255.254", C::CarrierGradeNat),
            ("100.128.0.1", C::Public),
            ("0.0.0.0", C::Unspecified),
            ("0.1.2.3", C::Unspecified),
            ("224.0.0.1", C::Multicast),
            ("239.255.255.250", C::Multicast),
            ("255.255.255.255", C::Broadcast),
            ("240.0.0.1", C::Reserved),
            ("192.0.2.10", C::Documentation),
            ("198.51.100.1", C::Documentation),
            ("203.0.113.9", C::Documentation),
            ("198.18.0.1", C::Reserved),
            ("8.8.8.8", C::Public),
            ("23.227.38.65", C::Public),
        ];
        for (ip, want) in cases {
            assert_eq!(class(ip), want, "{ip}");
        }
    }

    #[test]
    fn v6_classes() {
        use AddressClass as C;
        let cases = [
            ("::1", C::Loopback),
            ("::", C::Unspecified),
            ("fc00::1", C::UniqueLocal),
            ("fd12:3456::1", C::UniqueLocal),
            ("fd00:ec2::254", C::CloudMetadata),
            ("fe80::1", C::LinkLocal),
            ("fec0::1", C::Private),
            ("ff02::1", C::Multicast),
            ("::ffff:127.0.0.1", C::Loopback),
            ("::ffff:10.1.2.3", C::Private),
            ("::ffff:169.254.169.254", C::CloudMetadata),
            ("::ffff:8.8.8.8", C::Public),
            ("64:ff9b::a00:1", C::Private),
            ("64:ff9b::808:808", C::Public),
            ("::127.0.0.1", C::Reserved),
            ("2001:db8::1", C::Documentation),
            ("2001::1", C::Reserved),
            ("2002:7f00:1::1", C::Reserved),
            ("100::1", C::Reserved),
            ("2606:4700::1111", C::Public),
            ("2a00:1450:4001::200e", C::Public),
        ];
        for (ip, want) in cases {
            assert_eq!(class(ip), want, "{ip}");
        }
    }

    #[test]
    fn policy_refuses_loopback_unless_allowed() {
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let private: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(AddressPolicy::default().check(lo).is_err());
        let open = AddressPolicy {
            allow_loopback: true,
        };
        assert!(open.check(lo).is_ok());
        assert_eq!(
            open.check(private).unwrap_err().class,
            AddressClass::Private
        );
        assert!(open.check("1.1.1.1".parse().unwrap()).is_ok());
    }
}
