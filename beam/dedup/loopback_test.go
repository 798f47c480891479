//go:build linux

package dedup

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"golang.org/x/sys/unix"
)

// Prism's in-process job server (jobservices.NewServer, in an internal
// package of the Beam SDK) listens on ":0", every interface, and v2.77 has
// no option to change that; its workers and artifact servers open more
// ports. So the tests run in a network namespace of their own, whose only
// interface is loopback: TestMain runs this test binary again with
// CLONE_NEWNET (root or CAP_SYS_ADMIN on Linux), brings lo up there, and
// runs the tests in it. Whatever Beam listens on is then reachable from
// this machine's loopback only, and from nowhere else.
//
// Where no namespace can be made, the tests that start Prism skip (and
// fail under OVERLAP_REQUIRE_NETNS=1, which .ci/run sets). requireLoopbackOnly
// checks after each run that the process sees loopback interfaces only and
// that Prism did listen in it.

// netnsEnv marks the run inside the private namespace.
const netnsEnv = "OVERLAP_BEAM_TEST_NETNS"

// isolation is nil in the private namespace, else why there is none.
var isolation = errors.New("not started by TestMain")

func TestMain(m *testing.M) {
	if os.Getenv(netnsEnv) == "1" {
		if err := loopbackUp(); err != nil {
			fmt.Fprintf(os.Stderr, "dedup tests: bringing up loopback in the private network namespace: %v\n", err)
			os.Exit(1)
		}
		isolation = nil
	} else {
		cmd := exec.Command(os.Args[0], os.Args[1:]...)
		cmd.Env = append(os.Environ(), netnsEnv+"=1")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET}
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
			os.Exit(0)
		case errors.As(err, &exit):
			os.Exit(exit.ExitCode())
		}
		isolation = fmt.Errorf("cannot run in a network namespace of its own (needs Linux and root or CAP_SYS_ADMIN): %w", err)
	}
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// loopbackUp brings up lo, which a new network namespace has down.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return err
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	return unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr)
}

// requirePrivateNetwork skips a test that would start Prism outside a
// private network namespace, or fails it where one is required.
func requirePrivateNetwork(t testing.TB) {
	t.Helper()
	if isolation == nil {
		return
	}
	if os.Getenv("OVERLAP_REQUIRE_NETNS") == "1" {
		t.Fatal(isolation)
	}
	t.Skip(isolation)
}

// requireLoopbackOnly fails the test unless every network interface this
// process can see is loopback (so nothing it listens on is reachable from
// another machine) and some socket of the process listens (so Prism did
// run in it).
func requireLoopbackOnly(t *testing.T) {
	t.Helper()
	ifaces, err := net.Interfaces()
	if err != nil {
		t.Fatalf("listing network interfaces: %v", err)
	}
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagLoopback == 0 {
			t.Fatalf("the tests can reach the network through %s: they must run in a namespace with loopback only", ifc.Name)
		}
	}
	inodes, err := socketInodes()
	if err != nil {
		t.Fatalf("listing this process's sockets: %v", err)
	}
	listening := 0
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		addrs, err := listeners(table)
		if err != nil {
			t.Fatalf("reading %s: %v", table, err)
		}
		for inode := range addrs {
			if inodes[inode] {
				listening++
			}
		}
	}
	if listening == 0 {
		t.Fatal("no listening socket found: was Prism started in this process?")
	}
}

// socketInodes returns the inodes of the sockets this process has open.
func socketInodes() (map[string]bool, error) {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil, err
	}
	inodes := make(map[string]bool)
	for _, fd := range fds {
		link, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(link, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] = true
		}
	}
	return inodes, nil
}

// listeners returns the listening TCP sockets of a /proc/net table, by
// inode.
func listeners(table string) (map[string]*net.TCPAddr, error) {
	f, err := os.Open(table)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := make(map[string]*net.TCPAddr)
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 || fields[3] != "0A" { // 0A: LISTEN
			continue
		}
		hostPort := strings.Split(fields[1], ":")
		// The address is printed as 32-bit words, each as the number the
		// bytes in network order make in host order.
		words := hostPort[0]
		ip := make(net.IP, len(words)/2)
		for i := 0; i+8 <= len(words); i += 8 {
			w, err := strconv.ParseUint(words[i:i+8], 16, 32)
			if err != nil {
				return nil, err
			}
			binary.NativeEndian.PutUint32(ip[i/2:], uint32(w))
		}
		port, err := strconv.ParseUint(hostPort[1], 16, 16)
		if err != nil {
			return nil, err
		}
		out[fields[9]] = &net.TCPAddr{IP: ip, Port: int(port)}
	}
	return out, sc.Err()
}
