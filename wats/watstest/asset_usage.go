package watstest

import (
	"fmt"
	"strings"
	"time"
)

// Usage, state, calibration, maintenance, status and messages of the
// asset store.

// assetCount is one PUT /api/Asset/Count request.
type assetCount struct {
	incrementBy int  // used when total is not given
	total       int  // the new total when hasTotal
	hasTotal    bool // totalCount was given
	children    bool // also count every descendant
	now         time.Time
	user        string
}

// count records usage on the asset and, with children, its descendants.
func (s *assetState) count(id, sn string, c assetCount) error {
	if c.incrementBy < 0 || (c.hasTotal && c.total < 0) {
		return mesBad("incrementBy and totalCount must not be negative.")
	}
	return s.update(id, sn, func(a *assetRec) error {
		inc := c.incrementBy
		if c.hasTotal {
			// The document: the difference between the new and the
			// previous total is the increment.
			inc = c.total - a.totalCount
			if inc < 0 {
				return mesBad("totalCount %d is below the current total count %d.", c.total, a.totalCount)
			}
		}
		targets := []*assetRec{a}
		if c.children {
			targets = append(targets, s.descendantsLocked(a.id, 0)...)
		}
		for _, t := range targets {
			t.runningCount += inc
			t.totalCount += inc
			t.lastSeen = c.now.UTC()
			s.addChangeLocked(t, assetLogUpdate, c.user, "totalCount", fmt.Sprint(t.totalCount), fmt.Sprintf("Count incremented by %d", inc), c.now)
		}
		return nil
	})
}

// resetRunning sets the running count to 0.
func (s *assetState) resetRunning(id, sn, comment string, now time.Time, user string) error {
	return s.update(id, sn, func(a *assetRec) error {
		a.runningCount = 0
		s.addLogLocked(a, assetLogResetCount, user, assetJoin("Running count reset", comment), now)
		return nil
	})
}

// setCounter sets the running or the total count (the WATS 25.3 routes).
func (s *assetState) setCounter(id, sn string, total bool, n int, now time.Time, user string) error {
	if n < 0 {
		return mesBad("The count must not be negative.")
	}
	return s.update(id, sn, func(a *assetRec) error {
		name := "runningCount"
		if total {
			name, a.totalCount = "totalCount", n
		} else {
			a.runningCount = n
		}
		s.addChangeLocked(a, assetLogUpdate, user, name, fmt.Sprint(n), fmt.Sprintf("%s set to %d", name, n), now)
		return nil
	})
}

// setState changes the operational state.
func (s *assetState) setState(id, sn string, state int, now time.Time, user string) error {
	if state < 0 || state > 6 {
		return mesBad("state must be an AssetState between 0 and 6.")
	}
	return s.update(id, sn, func(a *assetRec) error {
		if a.state != state {
			s.addChangeLocked(a, assetLogStateChange, user, "state", fmt.Sprint(state), fmt.Sprintf("State changed from %d to %d", a.state, state), now)
			a.state = state
		}
		return nil
	})
}

// assetEvent is a calibration or maintenance that was done.
type assetEvent struct {
	calibration bool
	last        time.Time
	next        *time.Time // nil: last + the type's interval; set: external
	comment     string
	now         time.Time
	user        string
}

// record applies a calibration or maintenance event.
func (s *assetState) record(id, sn string, ev assetEvent) error {
	if ev.next != nil && ev.next.Before(ev.last) {
		return mesBad("toDate must not be before fromDate.")
	}
	return s.update(id, sn, func(a *assetRec) error {
		next := time.Time{}
		if ev.next != nil {
			next = ev.next.UTC()
		} else if t := s.types[a.typeID]; t != nil {
			interval := t.maintenanceInterval
			if ev.calibration {
				interval = t.calibrationInterval
			}
			if interval > 0 {
				next = ev.last.Add(time.Duration(interval * float64(24*time.Hour)))
			}
		}
		kind, typ := "Maintenance", assetLogMaintenance
		if ev.calibration {
			kind, typ = "Calibration", assetLogCalibration
			a.lastCalibration, a.nextCalibration = ev.last.UTC(), next
			a.runningCount = 0
		} else {
			a.lastMaintenance, a.nextMaintenance = ev.last.UTC(), next
		}
		if ev.next != nil {
			kind = "External " + strings.ToLower(kind)
		}
		s.addLogLocked(a, typ, ev.user, assetJoin(kind+" recorded", ev.comment), ev.now)
		return nil
	})
}

// message adds a free-text log entry.
func (s *assetState) message(id, sn, content string, now time.Time, user string) error {
	if strings.TrimSpace(content) == "" {
		return mesBad("The message content is required.")
	}
	return s.update(id, sn, func(a *assetRec) error {
		s.addLogLocked(a, assetLogMessage, user, content, now)
		return nil
	})
}

// status computes the server's status answer at now.
func (s *assetState) status(id, sn string, now time.Time) (assetStatusWire, error) {
	var out assetStatusWire
	err := s.update(id, sn, func(a *assetRec) error {
		level := s.alarmLocked(a, now)
		out = assetStatusWire{
			AssetID: a.id, SerialNumber: a.serial, AlarmState: level, Message: [...]string{"OK", "Warning", "Alarm"}[level],
			RunningCount: a.runningCount, TotalCount: a.totalCount,
			NextCalibrationDate: mesTimeOf(a.nextCalibration), NextMaintenanceDate: mesTimeOf(a.nextMaintenance),
		}
		return nil
	})
	return out, err
}

// alarmLocked computes the alarm state of a at now (0 OK, 1 Warning, 2 Alarm).
func (s *assetState) alarmLocked(a *assetRec, now time.Time) int {
	t := s.types[a.typeID]
	if t == nil {
		return 0
	}
	warn, alarm := t.warningThreshold, t.alarmThreshold
	if alarm <= 0 {
		alarm = 100
	}
	if warn <= 0 || warn > alarm {
		warn = alarm
	}
	level := 0
	raise := func(l int) { level = max(level, l) }
	for _, c := range []struct{ count, limit int }{{a.runningCount, t.runningCountLimit}, {a.totalCount, t.totalCountLimit}} {
		if c.limit <= 0 {
			continue
		}
		pct := 100 * float64(c.count) / float64(c.limit)
		switch {
		case pct >= alarm:
			raise(2)
		case pct >= warn:
			raise(1)
		}
	}
	for _, d := range []struct {
		next     time.Time
		interval float64
	}{{a.nextCalibration, t.calibrationInterval}, {a.nextMaintenance, t.maintenanceInterval}} {
		if d.next.IsZero() || d.interval == -1 {
			continue
		}
		if !now.Before(d.next) {
			raise(2)
			continue
		}
		if d.interval > 0 {
			left := d.next.Sub(now).Hours() / 24 / d.interval * 100
			if left <= 100-warn {
				raise(1)
			}
		}
	}
	return level
}

func assetJoin(what, comment string) string {
	if comment == "" {
		return what
	}
	return what + ": " + comment
}
