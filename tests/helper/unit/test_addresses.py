"""The address policy on its own: which resolved addresses the helper may connect to."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entity_lens.addresses import embedded_ipv4, is_public


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.255.255.254",          # loopback, all of 127/8
    "0.0.0.0",                               # "this host": Linux connects it to loopback
    "10.1.2.3", "172.16.0.1", "192.168.1.1",  # private networks
    "169.254.169.254",                       # link-local: cloud metadata services
    "100.64.0.1",                            # shared address space (carrier-grade NAT)
    "192.0.2.1", "198.51.100.7",             # documentation
    "224.0.0.1", "239.255.255.250",          # multicast
    "240.0.0.1", "255.255.255.255",          # reserved, broadcast
    "::1", "::",                             # IPv6 loopback, unspecified
    "fe80::1", "fe80::1%1",                  # IPv6 link-local (with a zone)
    "fd00::1", "fc00::2",                    # unique local addresses (ULA)
    "ff02::1",                               # IPv6 multicast
    "::ffff:127.0.0.1", "::ffff:10.0.0.1",   # IPv4-mapped
    "::127.0.0.1",                           # IPv4-compatible (deprecated)
    "2002:7f00:1::", "2002:a9fe:a9fe::1",    # 6to4 around 127.0.0.1, 169.254.169.254
    "64:ff9b::7f00:1", "64:ff9b::a00:1",     # NAT64 around 127.0.0.1, 10.0.0.1
    "64:ff9b:1::c0a8:101",                   # local-use NAT64 around 192.168.1.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    "2001:db8::1",                           # IPv6 documentation
    "not an address", "", "127.1", "2130706433",  # not addresses: only resolved ones count
])
def test_non_public_addresses_are_refused(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", [
    "1.1.1.1", "8.8.8.8", "93.184.215.14", "151.101.1.69",
    "2606:4700:4700::1111", "2a00:1450:4001:82a::200e",
    "::ffff:8.8.8.8",                        # a mapped public address is that address
    "2002:808:808::1",                       # 6to4 around 8.8.8.8
    "64:ff9b::808:808",                      # NAT64 around 8.8.8.8
])
def test_public_addresses_are_allowed(address):
    assert is_public(address)


def test_embedded_ipv4_addresses_are_found():
    ip = ipaddress.ip_address
    assert embedded_ipv4(ip("::ffff:127.0.0.1")) == (ip("127.0.0.1"),)
    assert embedded_ipv4(ip("2002:7f00:1::")) == (ip("127.0.0.1"),)
    assert embedded_ipv4(ip("64:ff9b::a9fe:a9fe")) == (ip("169.254.169.254"),)
    assert ip("127.0.0.1") in embedded_ipv4(ip("2001:0:4136:e378:8000:63bf:80ff:fffe"))
    assert embedded_ipv4(ip("2606:4700:4700::1111")) == ()
    assert embedded_ipv4(ip("8.8.8.8")) == ()


ipv4 = st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address)


@given(ipv4)
def test_every_ipv6_wrapping_of_a_non_public_ipv4_address_is_refused(v4):
    wrappings = [
        ipaddress.IPv6Address(f"::ffff:{v4}"),                          # mapped
        ipaddress.IPv6Address((0x2002 << 112) | (int(v4) << 80)),       # 6to4
        ipaddress.IPv6Address((0x64FF9B << 96) | int(v4)),              # NAT64
        ipaddress.IPv6Address(int(v4)),                                 # compatible
    ]
    if not is_public(v4):
        assert not any(is_public(w) for w in wrappings)
    # Mapped is only a spelling: it is judged as the IPv4 address itself.
    assert is_public(wrappings[0]) == is_public(v4)
