"""Which IP addresses the helper may connect to: public unicast ones only.

A web page can ask the helper to fetch any address, or redirect it anywhere. Without this rule
it would read pages on this computer, the reader's network or a cloud metadata service and hand
them back. The classification is the standard library's (`ipaddress`, `is_global`); what this
module adds is looking through IPv6 addresses that carry an IPv4 address inside them, since
connecting to one reaches (or is translated to) that IPv4 address.

Pure: it classifies addresses already resolved; fetch.py resolves the name, asks here about
every address, and connects only to an address that passed.
"""

import ipaddress

# Prefixes whose last 32 bits are an IPv4 address the packet is translated to; `ipaddress`
# decodes IPv4-mapped, 6to4 and Teredo itself but has no property for these.
_LOW_32_BITS_ARE_IPV4 = (
    ipaddress.IPv6Network("64:ff9b::/96"),    # NAT64, well-known prefix (RFC 6052)
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # NAT64, local-use prefix (RFC 8215)
    ipaddress.IPv6Network("::/96"),           # IPv4-compatible, deprecated (RFC 4291)
)


def is_public(address):
    """True when `address` (a string or an `ipaddress` object) is public unicast, and so is
    every IPv4 address embedded in it. Anything unparsable is not public."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        # Only another spelling of the IPv4 address (which Python versions judge differently).
        return _is_global_unicast(ip.ipv4_mapped)
    return all(_is_global_unicast(each) for each in (ip, *embedded_ipv4(ip)))


def embedded_ipv4(ip):
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64, compatible)."""
    if ip.version != 6:
        return ()
    found = []
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)  # the relay server and the client behind it
    if any(ip in network for network in _LOW_32_BITS_ARE_IPV4):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return tuple(found)


def _is_global_unicast(ip):
    # `is_global` leaves out loopback, private, link-local, shared (CGNAT), reserved and
    # unspecified ranges; multicast is "global" to it but never a web server.
    return ip.is_global and not ip.is_multicast
