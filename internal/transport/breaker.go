package transport

import (
	"sync"
	"time"
)

// State is the client's view of the server's reachability, driven by the
// circuit breaker.
type State int

const (
	// Online: the breaker is closed and requests flow.
	Online State = iota
	// Offline: the breaker is open; requests fail fast with ErrCircuitOpen
	// until the cool-down ends.
	Offline
	// Probing: the cool-down ended and one probe request is allowed through;
	// its outcome decides between Online and Offline.
	Probing
)

// String names the state.
func (s State) String() string {
	switch s {
	case Online:
		return "online"
	case Offline:
		return "offline"
	case Probing:
		return "probing"
	}
	return "unknown"
}

// StateChange is one breaker transition, handed to subscribers.
type StateChange struct {
	// From and To are the states before and after.
	From, To State
	// At is when the transition happened.
	At time.Time
	// Failures is the count of consecutive failed attempts at the time.
	Failures int
}

// breaker counts consecutive failed attempts (transport errors and 429/5xx
// answers) and opens at the threshold. After the cool-down exactly one
// attempt is let through (half-open); its success closes the breaker, its
// failure re-opens it for another cool-down.
type breaker struct {
	policy BreakerPolicy
	now    func() time.Time

	mu         sync.Mutex
	state      State
	failures   int
	openedAt   time.Time
	probing    bool // a half-open probe is in flight
	subs       map[int]func(StateChange)
	nextSubID  int
	pending    []StateChange // transitions not yet delivered, in the order they happened
	onChangeMu sync.Mutex    // serialises delivery so subscribers see transitions in order
}

func newBreaker(p BreakerPolicy, now func() time.Time) *breaker {
	return &breaker{policy: p, now: now, subs: map[int]func(StateChange){}}
}

func (b *breaker) enabled() bool { return b.policy.Threshold > 0 }

// allow reports whether an attempt may be sent now and, when it may, whether
// it is the half-open probe. force lets the attempt through while open
// (Client.Ping) and makes it the probe.
func (b *breaker) allow(force bool) (ok, probe bool, retryIn time.Duration) {
	if !b.enabled() {
		return true, false, 0
	}
	b.mu.Lock()
	var ch *StateChange
	defer func() { b.mu.Unlock(); b.notify(ch) }()
	switch b.state {
	case Online:
		return true, false, 0
	case Offline:
		wait := b.policy.Cooldown - b.now().Sub(b.openedAt)
		if wait > 0 && !force {
			return false, false, wait
		}
		ch = b.setLocked(Probing)
		b.probing = true
		return true, true, 0
	default: // Probing
		if b.probing && !force {
			return false, false, 0
		}
		b.probing = true
		return true, true, 0
	}
}

// record feeds the outcome of an attempt that allow let through.
func (b *breaker) record(failed bool) {
	if !b.enabled() {
		return
	}
	b.mu.Lock()
	var ch *StateChange
	defer func() { b.mu.Unlock(); b.notify(ch) }()
	if !failed {
		b.failures = 0
		b.probing = false
		if b.state != Online {
			ch = b.setLocked(Online)
		}
		return
	}
	b.failures++
	switch b.state {
	case Probing:
		b.probing = false
		b.openedAt = b.now()
		ch = b.setLocked(Offline)
	case Online:
		if b.failures >= b.policy.Threshold {
			b.openedAt = b.now()
			ch = b.setLocked(Offline)
		}
	}
}

// release gives back a probe slot whose attempt ended without a verdict
// (the caller's context was cancelled).
func (b *breaker) release() {
	b.mu.Lock()
	b.probing = false
	b.mu.Unlock()
}

func (b *breaker) setLocked(to State) *StateChange {
	ch := &StateChange{From: b.state, To: to, At: b.now(), Failures: b.failures}
	b.state = to
	b.pending = append(b.pending, *ch)
	return ch
}

func (b *breaker) current() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

func (b *breaker) subscribe(fn func(StateChange)) (cancel func()) {
	b.mu.Lock()
	id := b.nextSubID
	b.nextSubID++
	b.subs[id] = fn
	b.mu.Unlock()
	return func() {
		b.mu.Lock()
		delete(b.subs, id)
		b.mu.Unlock()
	}
}

// notify calls subscribers outside the state lock. Transitions are queued
// under the state lock as they happen and delivered by whichever caller
// holds the delivery lock, oldest first, so two requests that change the
// state at nearly the same moment can never report it out of order.
func (b *breaker) notify(ch *StateChange) {
	if ch == nil {
		return
	}
	b.onChangeMu.Lock()
	defer b.onChangeMu.Unlock()
	b.mu.Lock()
	batch := b.pending
	b.pending = nil
	fns := make([]func(StateChange), 0, len(b.subs))
	for _, fn := range b.subs {
		fns = append(fns, fn)
	}
	b.mu.Unlock()
	for _, c := range batch {
		for _, fn := range fns {
			fn(c)
		}
	}
}
