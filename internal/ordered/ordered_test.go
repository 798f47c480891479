package ordered

import (
	"errors"
	"iter"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func square() func(int) (int, error) { return func(i int) (int, error) { return i * i, nil } }

func TestMapOrder(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		opt  Options[int]
	}{
		{"empty", 0, Options[int]{}},
		{"one", 1, Options[int]{}},
		{"default", 10000, Options[int]{}},
		{"one worker", 1000, Options[int]{Workers: 1}},
		{"many workers", 5000, Options[int]{Workers: 7, BatchItems: 3}},
		{"weighted", 3000, Options[int]{Workers: 3, Weight: func(i int) int { return i % 100 }, BatchWeight: 150}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			for r, err := range Map(count(tc.n), tc.opt, square) {
				require.NoError(t, err)
				got = append(got, r)
			}
			require.Len(t, got, tc.n)
			for i, r := range got {
				require.Equal(t, i*i, r)
			}
		})
	}
}

// TestMapOrderUnderJitter makes workers finish out of order.
func TestMapOrderUnderJitter(t *testing.T) {
	var seed atomic.Uint64
	newWorker := func() func(int) (int, error) {
		r := rand.New(rand.NewPCG(seed.Add(1), 0))
		return func(i int) (int, error) {
			if r.IntN(10) == 0 {
				time.Sleep(time.Duration(r.IntN(200)) * time.Microsecond)
			}
			return -i, nil
		}
	}
	next := 0
	for r, err := range Map(count(3000), Options[int]{Workers: 4, BatchItems: 5}, newWorker) {
		require.NoError(t, err)
		require.Equal(t, -next, r)
		next++
	}
	assert.Equal(t, 3000, next)
}

// TestMapConcurrent proves that two workers run at once: the first two
// items wait for each other, which would time out if work were serial.
func TestMapConcurrent(t *testing.T) {
	var arrived atomic.Int32
	newWorker := func() func(int) (int, error) {
		return func(i int) (int, error) {
			if i < 2 {
				arrived.Add(1)
				deadline := time.Now().Add(10 * time.Second)
				for arrived.Load() < 2 {
					if time.Now().After(deadline) {
						return 0, errors.New("the other worker never ran alongside")
					}
					time.Sleep(time.Millisecond)
				}
			}
			return i, nil
		}
	}
	n := 0
	for _, err := range Map(count(100), Options[int]{Workers: 2, BatchItems: 1}, newWorker) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 100, n)
}

func TestMapWorkerState(t *testing.T) {
	var made atomic.Int32
	newWorker := func() func(int) (int, error) {
		made.Add(1)
		calls := 0 // per-worker state: no data race
		return func(i int) (int, error) { calls++; return i, nil }
	}
	n := 0
	for range Map(count(5000), Options[int]{Workers: 3}, newWorker) {
		n++
	}
	assert.Equal(t, 5000, n)
	assert.LessOrEqual(t, made.Load(), int32(3))
}

func TestMapError(t *testing.T) {
	boom := errors.New("boom")
	newWorker := func() func(int) (int, error) {
		return func(i int) (int, error) {
			if i == 777 {
				return 0, boom
			}
			return i, nil
		}
	}
	var got []int
	var gotErr error
	for r, err := range Map(count(100000), Options[int]{Workers: 3, BatchItems: 10}, newWorker) {
		if err != nil {
			gotErr = err
			continue
		}
		got = append(got, r)
	}
	assert.ErrorIs(t, gotErr, boom)
	require.Len(t, got, 777, "every result before the error, none after")
	for i, r := range got {
		require.Equal(t, i, r)
	}
}

// TestMapStopAndBound checks that breaking out stops the input and that the
// items in flight stay within the documented bound.
func TestMapStopAndBound(t *testing.T) {
	const workers, batch = 3, 4
	var produced, consumed, calls atomic.Int64
	var maxInFlight int64
	counted := func() func(int) (int, error) {
		f := square()
		return func(i int) (int, error) {
			calls.Add(1)
			return f(i)
		}
	}
	var inReturned atomic.Bool
	in := func(yield func(int) bool) {
		// Slow to return once stopped: Map must wait for it all the same.
		defer func() {
			time.Sleep(20 * time.Millisecond)
			inReturned.Store(true)
		}()
		for i := 0; ; i++ {
			produced.Add(1)
			if !yield(i) {
				return
			}
		}
	}
	before := runtime.NumGoroutine()
	for r, err := range Map(in, Options[int]{Workers: workers, BatchItems: batch}, counted) {
		require.NoError(t, err)
		n := consumed.Add(1)
		maxInFlight = max(maxInFlight, produced.Load()-n)
		if r == 2000*2000 {
			break
		}
		if n%100 == 0 {
			time.Sleep(time.Millisecond) // a slow consumer: the producer must wait
		}
	}
	assert.Equal(t, int64(2001), consumed.Load())
	assert.LessOrEqual(t, maxInFlight, int64((2*workers+2)*batch+1))
	assert.Less(t, produced.Load(), int64(2001+(2*workers+3)*batch))
	// Once Map has returned, neither in nor a worker is called again, and
	// its goroutines are gone: soon rather than at once, as a goroutine
	// still counts for a moment after its wg.Done, which was this test's
	// flake when it compared NumGoroutine straight away.
	assert.True(t, inReturned.Load(), "Map returned before the call into in did")
	p, c := produced.Load(), calls.Load()
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, p, produced.Load(), "in was called after Map returned")
	assert.Equal(t, c, calls.Load(), "a worker was called after Map returned")
	// (Polled here: assert.Eventually runs its condition on goroutines of
	// its own, which it would count.)
	left := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); left > before && time.Now().Before(deadline); left = runtime.NumGoroutine() {
		time.Sleep(time.Millisecond)
	}
	assert.LessOrEqual(t, left, before, "goroutines left running")
}

func TestMapPanic(t *testing.T) {
	newWorker := func() func(int) (int, error) {
		return func(i int) (int, error) {
			if i == 50 {
				panic("worker panic")
			}
			return i, nil
		}
	}
	n := 0
	assert.PanicsWithValue(t, "worker panic", func() {
		for range Map(count(1000), Options[int]{Workers: 2}, newWorker) {
			n++
		}
	})
	assert.Equal(t, 50, n)

	in := func(yield func(int) bool) {
		for i := range 10 {
			if i == 5 {
				panic("input panic")
			}
			yield(i)
		}
	}
	n = 0
	assert.PanicsWithValue(t, "input panic", func() {
		for range Map(in, Options[int]{Workers: 2}, square) {
			n++
		}
	})
	assert.Equal(t, 5, n)
}

func BenchmarkMap(b *testing.B) {
	work := func() func(int) (int, error) {
		return func(i int) (int, error) {
			x := i
			for range 200 { // a little work per item
				x = x*31 + 7
			}
			return x, nil
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for range Map(count(100000), Options[int]{}, work) {
		}
	}
}
