package app

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// clientIP is the address the request came from: the socket's peer, or,
// when that peer is a trusted proxy, the nearest address in
// X-Forwarded-For that is not one of ours. Without trusted proxies the
// header is ignored, so nobody can choose the address that throttles and
// logs see.
func (h *Handler) clientIP(c *fiber.Ctx) string {
	peer, ok := netip.AddrFromSlice(c.Context().RemoteIP())
	if !ok {
		return c.Context().RemoteIP().String()
	}
	peer = peer.Unmap()
	if !h.trusted(peer) {
		return peer.String()
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if addr = addr.Unmap(); !h.trusted(addr) {
			return addr.String()
		}
	}
	return peer.String()
}

func (h *Handler) trusted(addr netip.Addr) bool {
	for _, p := range h.trustedProxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// isHTTPS reports whether the browser reached us over HTTPS, directly or
// through a trusted proxy that says so.
func (h *Handler) isHTTPS(c *fiber.Ctx) bool {
	if c.Context().IsTLS() {
		return true
	}
	peer, ok := netip.AddrFromSlice(c.Context().RemoteIP())
	return ok && h.trusted(peer.Unmap()) && c.Get(fiber.HeaderXForwardedProto) == "https"
}
