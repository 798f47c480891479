// Package ordered applies a function to the items of a stream on several
// goroutines and delivers the results in input order, with bounded memory.
package ordered

import (
	"iter"
	"runtime"
	"sync"
	"sync/atomic"
)

// Options tune [Map]. The zero value is ready to use.
type Options[T any] struct {
	// Workers is the number of goroutines applying the function; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// BatchItems caps the number of items handed to a worker at once;
	// 0 means 256. Batches amortise the cost of channel operations.
	BatchItems int
	// Weight, if set, gives an item's weight (such as its size in bytes);
	// a batch is closed once its items weigh BatchWeight or more.
	Weight func(T) int
	// BatchWeight is the weight at which a batch closes; 0 means 1 MiB.
	BatchWeight int
}

// Map returns the results of applying a function to each item of in, in
// the order of in. newWorker is called once on each worker goroutine to
// make that worker's function, so per-worker state (buffers, hashers)
// needs no locking.
//
// Items are read from in on a goroutine of their own and grouped into
// batches (a batch closes when it holds BatchItems items or reaches
// BatchWeight; the first batches are smaller so that work spreads over
// the workers at once). At most 2×Workers+2 batches exist at any time, so
// memory is bounded by that many batches of items and results.
//
// When a function returns an error, Map yields the results before it and
// then the error, and stops. When the consumer stops (breaks out of the
// loop), in is stopped at its next item and the workers drop the rest.
// Either way Map returns only once its goroutines have finished, that is,
// once the call into in under way has returned. A panic in the function or
// in in is re-raised in the consumer's goroutine.
func Map[T, R any](in iter.Seq[T], opt Options[T], newWorker func() func(T) (R, error)) iter.Seq2[R, error] {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxItems := opt.BatchItems
	if maxItems <= 0 {
		maxItems = 256
	}
	maxWeight := opt.BatchWeight
	if maxWeight <= 0 {
		maxWeight = 1 << 20
	}
	return func(yield func(R, error) bool) {
		work := make(chan *batch[T, R], workers)
		order := make(chan *batch[T, R], 2*workers)
		stop := make(chan struct{})
		var stopped atomic.Bool
		var wg sync.WaitGroup
		defer func() {
			stopped.Store(true)
			close(stop)
			// Let the producer finish (draining order releases it if it
			// is blocked there; order is closed when it returns), then
			// the workers.
			for range order {
			}
			wg.Wait()
		}()

		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var f func(T) (R, error)
				for b := range work {
					if f == nil && !stopped.Load() {
						if !b.run(func() { f = newWorker() }) {
							close(b.done)
							continue
						}
					}
					if f != nil {
						b.apply(f, &stopped)
					}
					close(b.done)
				}
			}()
		}

		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(order)
			defer close(work)
			size := 1 // grows to maxItems: small batches first
			cur := &batch[T, R]{done: make(chan struct{})}
			weight := 0
			send := func() bool {
				select {
				case order <- cur:
				case <-stop:
					return false
				}
				select {
				case work <- cur:
				case <-stop:
					return false
				}
				size = min(2*size, maxItems)
				cur = &batch[T, R]{items: make([]T, 0, size), done: make(chan struct{})}
				weight = 0
				return true
			}
			var caught batch[T, R] // holds a panic from in
			ok := caught.run(func() {
				for v := range in {
					if stopped.Load() {
						return
					}
					cur.items = append(cur.items, v)
					if opt.Weight != nil {
						weight += opt.Weight(v)
					}
					if len(cur.items) >= size || weight >= maxWeight {
						if !send() {
							return
						}
					}
				}
			})
			if !ok {
				// Deliver the items read so far, then the panic as a batch
				// of its own.
				if len(cur.items) > 0 && !send() {
					return
				}
				p := &batch[T, R]{done: make(chan struct{}), panicked: true, panicVal: caught.panicVal}
				close(p.done)
				select {
				case order <- p:
				case <-stop:
				}
				return
			}
			if len(cur.items) > 0 {
				send()
			}
		}()

		for b := range order {
			<-b.done
			for _, r := range b.out {
				if !yield(r, nil) {
					return
				}
			}
			if b.panicked {
				panic(b.panicVal)
			}
			if b.err != nil {
				var zero R
				yield(zero, b.err)
				return
			}
		}
	}
}

type batch[T, R any] struct {
	items    []T
	out      []R
	err      error
	panicked bool
	panicVal any
	done     chan struct{}
}

// run calls f, recording a panic in the batch; it reports whether f
// returned normally.
func (b *batch[T, R]) run(f func()) (ok bool) {
	defer func() {
		if !ok {
			b.panicked = true
			b.panicVal = recover()
		}
	}()
	f()
	return true
}

func (b *batch[T, R]) apply(f func(T) (R, error), stopped *atomic.Bool) {
	b.out = make([]R, 0, len(b.items))
	b.run(func() {
		for _, v := range b.items {
			if stopped.Load() {
				return
			}
			r, err := f(v)
			if err != nil {
				b.err = err
				return
			}
			b.out = append(b.out, r)
		}
	})
	clear(b.items) // drop references early
}
