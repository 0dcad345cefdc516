package main

import (
	"fmt"
	"net/netip"
	"strings"

	"hyperboard/models"
)

// parsePrefixes reads a comma-separated list of addresses and networks,
// such as "10.0.0.0/8, 192.0.2.7".
func parsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		addr, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an address nor a network", item)
		}
		out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
	}
	return out, nil
}

// parsePasswordParams reads argon2id costs written "m=19456,t=2,p=1"
// (memory in KiB, passes, lanes); empty means the defaults.
func parsePasswordParams(s string) (models.PasswordParams, error) {
	p := models.DefaultPasswordParams
	if s == "" {
		return p, nil
	}
	if _, err := fmt.Sscanf(s, "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, fmt.Errorf("want m=KiB,t=passes,p=lanes, e.g. m=19456,t=2,p=1: %w", err)
	}
	if p.Memory < 8*uint32(p.Threads) || p.Time < 1 || p.Threads < 1 {
		return p, fmt.Errorf("%q: memory must be at least 8 KiB per lane, passes and lanes at least 1", s)
	}
	return p, nil
}
