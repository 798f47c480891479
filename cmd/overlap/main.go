// Command overlap finds near-duplicate documents and shared passages in
// prose. Run "overlap help" for its commands.
//
// The command holds no algorithm: it reads inputs (package internal/input),
// parses flags and formats output; the work is done by the library.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// Exit statuses. 1 is left for commands that report a finding, as diff and
// grep do.
const (
	exitOK      = 0
	exitTrouble = 2 // usage error, input lost, output failed
)

// finish is the exit status of a command once it has written its output:
// exitTrouble when the output could not be written (err, reported here) or
// an input was lost on the way (already reported), else exitOK.
func finish(e *env, err error, lost bool) int {
	if err != nil {
		fmt.Fprintf(e.stderr, "overlap: %v\n", err)
		return exitTrouble
	}
	if lost {
		return exitTrouble
	}
	return exitOK
}

// env is what a command may touch.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// tty reports that stderr is a terminal, where progress may be shown.
	tty bool
}

// A command is one subcommand: name, one-line summary for the command
// list, and its entry point, which gets the arguments after its name and
// returns the exit status.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

// commands lists the subcommands in the order "overlap help" shows them.
// Each lives in a file of its own named after it.
var commands = []command{
	{"report", "report near-duplicates, shared passages and repeated text", runReport},
	{"dedup", "group documents into clusters of near-duplicates", runDedup},
	{"index", "add documents to an archive, or find their near-duplicates in it", runIndex},
	{"fingerprint", "print the simhash fingerprint of each document", runFingerprint},
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, tty: isTerminal(stderr)}
	if len(args) == 0 {
		usage(stderr)
		return exitTrouble
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if name == "help" && len(rest) > 0 {
			if c := lookup(rest[0]); c != nil {
				return c.run(e, []string{"-h"})
			}
			return usageError(stderr, "", fmt.Sprintf("unknown command %q", rest[0]))
		}
		usage(stdout)
		return exitOK
	}
	if c := lookup(name); c != nil {
		return c.run(e, rest)
	}
	if strings.HasPrefix(name, "-") {
		return usageError(stderr, "", fmt.Sprintf("flag %s before the command", name))
	}
	return usageError(stderr, "", fmt.Sprintf("unknown command %q", name))
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString(`overlap finds near-duplicate documents and shared passages in prose.

Usage:
  overlap <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-12s %s\n", c.name, c.summary)
	}
	b.WriteString(`
Run 'overlap help <command>' for a command's usage and flags.
Exit status: 0 on success, 2 on a usage error, an input that could not be
read, or an output that could not be written.
`)
	io.WriteString(w, b.String())
}

// usageError prints a one-line message and returns the usage exit status.
// cmd is the command's name, or "" for overlap itself.
func usageError(w io.Writer, cmd, msg string) int {
	help := "overlap help"
	prefix := "overlap: "
	if cmd != "" {
		help += " " + cmd
		prefix = "overlap " + cmd + ": "
	}
	fmt.Fprintf(w, "%s%s (see '%s')\n", prefix, msg, help)
	return exitTrouble
}

// newFlagSet returns a flag set that reports nothing itself: parseArgs's
// caller prints errors and usage.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseArgs parses flags and positional arguments in any order, since the
// flag package stops at the first positional argument: "seeds --jsonl"
// works like "--jsonl seeds". Flags take one or two dashes; a flag's value
// is the next argument unless given with "="; "--" ends the flags; "-" is
// a positional argument (standard input). It returns the positional
// arguments in order, or flag.ErrHelp for -h, -help or --help.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBoolFlag(f) && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	return append(fs.Args(), pos...), nil
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// flagUsage returns the flag set's defaults as text.
func flagUsage(fs *flag.FlagSet) string {
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return b.String()
}

// parseCommandArgs runs parseArgs and handles help and errors. It returns
// the positional arguments, or a non-negative exit status when the command
// should return at once.
func parseCommandArgs(e *env, fs *flag.FlagSet, args []string, help func(io.Writer)) ([]string, int) {
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		help(e.stdout)
		return nil, exitOK
	}
	if err != nil {
		return nil, usageError(e.stderr, fs.Name(), err.Error())
	}
	return pos, -1
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
