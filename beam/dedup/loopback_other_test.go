//go:build !linux

package dedup

import (
	"errors"
	"flag"
	"os"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// The tests that start Prism run only on Linux, in a network namespace of
// their own (see loopback_test.go): elsewhere they skip, or fail under
// OVERLAP_REQUIRE_NETNS=1.

var isolation = errors.New("Prism's tests need a Linux network namespace with loopback only")

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

func requirePrivateNetwork(t testing.TB) {
	t.Helper()
	if os.Getenv("OVERLAP_REQUIRE_NETNS") == "1" {
		t.Fatal(isolation)
	}
	t.Skip(isolation)
}

func requireLoopbackOnly(t *testing.T) {}
