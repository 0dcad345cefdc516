package app

import (
	"net"
	"net/netip"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

func TestClientIP(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	cases := []struct {
		name    string
		proxies []netip.Prefix
		peer    string
		xff     string
		want    string
	}{
		{"without trusted proxies the header is ignored", nil, "198.51.100.4", "1.2.3.4", "198.51.100.4"},
		{"a client that is not a proxy cannot choose its address", trusted, "198.51.100.4", "1.2.3.4", "198.51.100.4"},
		{"a trusted proxy names the client", trusted, "10.0.0.2", "203.0.113.7", "203.0.113.7"},
		{"the nearest untrusted hop wins over a forged first entry", trusted, "10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.9", "203.0.113.7"},
		{"garbage in the header falls back to the proxy", trusted, "10.0.0.2", "not-an-ip", "10.0.0.2"},
		{"IPv4-mapped addresses are unmapped", nil, "::ffff:198.51.100.4", "", "198.51.100.4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := &Handler{trustedProxies: c.proxies}
			app := fiber.New()
			var fctx fasthttp.RequestCtx
			fctx.Init(&fasthttp.Request{}, &net.TCPAddr{IP: net.ParseIP(c.peer), Port: 4000}, nil)
			if c.xff != "" {
				fctx.Request.Header.Set(fiber.HeaderXForwardedFor, c.xff)
			}
			ctx := app.AcquireCtx(&fctx)
			defer app.ReleaseCtx(ctx)
			if got := h.clientIP(ctx); got != c.want {
				t.Errorf("clientIP = %s, want %s", got, c.want)
			}
		})
	}
}
