package queue

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentSubmittersWhileRunning: many goroutines submit and enqueue
// while the uploader runs and the server fails a third of the uploads.
// Every report is accepted by the server exactly once: no entry is sent
// twice by two workers, none is forgotten.
func TestConcurrentSubmittersWhileRunning(t *testing.T) {
	var mu sync.Mutex
	accepted := map[string]int{}
	sub := newFake(func(id string, n int) error {
		if rand.IntN(3) == 0 {
			return apiErr(503, "busy")
		}
		mu.Lock()
		accepted[id]++
		mu.Unlock()
		return nil
	})
	q := mustOpen(t, t.TempDir(), sub, WithConcurrency(3))
	runQueue(t, q)

	const workers, each = 6, 20
	ids := make(chan string, workers*each)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id := newID()
				r := newReport(t, id, 2)
				var err error
				if (w+i)%2 == 0 {
					_, err = q.Submit(context.Background(), r)
				} else {
					_, err = q.Enqueue(context.Background(), r)
				}
				if !assert.NoError(t, err) {
					return
				}
				ids <- id
			}
		}(w)
	}
	wg.Wait()
	close(ids)
	waitFor(t, 20*time.Second, "drain", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(accepted) == workers*each && drained(q)
	})
	mu.Lock()
	defer mu.Unlock()
	for id := range ids {
		require.Equal(t, 1, accepted[id], "report %s accepted exactly once", id)
	}
}

// FuzzDecodeEntry: whatever is on disk, decoding never panics, and a
// damaged entry is never mistaken for a good one with other content.
func FuzzDecodeEntry(f *testing.F) {
	id := "0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a01"
	good, err := encodeEntry(Meta{ID: id, Attempts: 2}, reportJSON(id, 2))
	require.NoError(f, err)
	f.Add(good, 0, byte(0))
	f.Add(good, len(good)/2, byte('x'))
	f.Add([]byte("{}\n{}"), 1, byte('\n'))
	f.Fuzz(func(t *testing.T, data []byte, pos int, b byte) {
		_, _, _ = decodeEntry(data, id)
		if len(good) == 0 || pos < 0 {
			return
		}
		// Flip one byte of the good entry: either it is detected or the
		// change was in the header in a way that still describes the same
		// body, which decodes to the same body.
		mutated := append([]byte(nil), good...)
		p := pos % len(mutated)
		if mutated[p] == b {
			return
		}
		mutated[p] = b
		_, body, err := decodeEntry(mutated, id)
		if err == nil {
			_, want, _ := decodeEntry(good, id)
			require.Equal(t, string(want), string(body))
		}
	})
}
