package watstest_test

import (
	"context"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// suiteCase is one scenario of TestContractSuite: it drives SDK service methods
// against the shared emulator. Each domain registers its scenarios from its own
// contractsuite_<domain>_test.go file in an init function, creating the data it
// needs under names of its own (scenarios share one emulator and run in order).
type suiteCase struct {
	name string
	run  func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server)
}

var suiteCases []suiteCase

// registerSuite adds a scenario to TestContractSuite.
func registerSuite(name string, run func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server)) {
	suiteCases = append(suiteCases, suiteCase{name: name, run: run})
}

// requireFullCoverage turns the coverage figures of TestContractSuite (at
// least minSuiteExchanges exchanges, every SDK service method seen, every
// public operation emulated) from logged gaps into failures. It is false
// while the domains' scenarios are still being written.
const requireFullCoverage = true

// minSuiteExchanges is the least traffic the suite must produce.
const minSuiteExchanges = 250

// noRequestMethods are SDK service methods that take a context but never
// send a request themselves, with the reason; the suite does not expect to
// see them on the wire.
var noRequestMethods = map[string]string{}

// TestContractSuite runs every registered scenario against one emulator in
// Strict contract mode, so the traffic of the whole SDK surface is checked
// against the server's documents, then reports the totals: exchanges,
// operations covered, violations, and SDK service methods never seen.
func TestContractSuite(t *testing.T) {
	srv := watstest.NewServer(watstest.WithContract(watstest.Strict))
	t.Cleanup(srv.Close)
	rec := newMethodRecorder(sdkServiceMethods())
	c, err := wats.New(srv.URL(), srv.Token(), wats.WithRateLimit(0, 0), wats.WithMiddleware(rec.middleware))
	require.NoError(t, err)
	ctx := context.Background()
	for _, sc := range suiteCases {
		t.Run(sc.name, func(t *testing.T) { sc.run(ctx, t, c, srv) })
	}

	st := srv.ContractStats()
	pub, pubSeen, in, inSeen := 0, 0, 0, 0
	var pubMissing []string
	for _, op := range watstest.DocumentedOperations() {
		seen := st.Operations[op.Key()] > 0
		if op.Internal {
			in++
			if seen {
				inSeen++
			}
			continue
		}
		pub++
		if seen {
			pubSeen++
		} else {
			pubMissing = append(pubMissing, op.Key()+" ("+op.ID+")")
		}
	}
	missing := rec.missing()
	t.Logf("contract suite: %d exchanges; public operations covered %d/%d; internal operations covered %d/%d; "+
		"SDK service methods seen %d/%d; violations: %d refused requests, %d answers, %d unknown routes, %d not emulated",
		st.Exchanges, pubSeen, pub, inSeen, in, rec.total()-len(missing), rec.total(),
		len(st.Refused), len(st.AnswerViolations), len(st.RouteErrors), len(st.NotEmulated))
	for _, v := range st.Refused {
		t.Errorf("request refused: %s", v)
	}
	for _, v := range st.AnswerViolations {
		t.Errorf("answer breaks the schema: %s", v)
	}
	for _, r := range st.RouteErrors {
		t.Errorf("route the server does not document: %s", r)
	}
	for _, r := range st.NotEmulated {
		t.Errorf("documented but not emulated: %s", r)
	}

	gaps := func(format string, args ...any) {
		if requireFullCoverage {
			t.Errorf(format, args...)
		} else {
			t.Logf("coverage gap (requireFullCoverage=false): "+format, args...)
		}
	}
	if st.Exchanges < minSuiteExchanges {
		gaps("%d exchanges, want at least %d", st.Exchanges, minSuiteExchanges)
	}
	if len(missing) > 0 {
		gaps("%d SDK service methods never made a request:\n  %s", len(missing), strings.Join(missing, "\n  "))
	}
	if len(pubMissing) > 0 {
		t.Logf("public operations the suite does not reach (%d):\n  %s", len(pubMissing), strings.Join(pubMissing, "\n  "))
	}
}

// methodRecorder notes which SDK service methods made requests, by walking
// the call stack of each attempt (middleware runs on the caller's goroutine).
type methodRecorder struct {
	want map[string]bool
	mu   sync.Mutex
	seen map[string]int
}

func newMethodRecorder(methods []string) *methodRecorder {
	r := &methodRecorder{want: map[string]bool{}, seen: map[string]int{}}
	for _, m := range methods {
		r.want[m] = true
	}
	return r
}

func (r *methodRecorder) middleware(ctx context.Context, a *wats.AttemptInfo, next func(context.Context) wats.AttemptResult) wats.AttemptResult {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	r.mu.Lock()
	for {
		f, more := frames.Next()
		if name := frameMethod(f.Function); r.want[name] {
			r.seen[name]++
		} else if name := inlinedMethod(f.Function, f.File); r.want[name] {
			r.seen[name]++
		}
		if !more {
			break
		}
	}
	r.mu.Unlock()
	return next(ctx)
}

func (r *methodRecorder) total() int { return len(r.want) }

func (r *methodRecorder) missing() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for m := range r.want {
		if r.seen[m] == 0 {
			if _, excused := noRequestMethods[m]; !excused {
				out = append(out, m)
			}
		}
	}
	sort.Strings(out)
	return out
}

// frameMethod turns a frame's function name into "pkgpath.Type.Method":
// "github.com/watsgo/sdk/report.(*Service).Submit.func1" gives
// "github.com/watsgo/sdk/report.Service.Submit".
func frameMethod(fn string) string {
	slash := strings.LastIndexByte(fn, '/')
	pkgEnd := slash + strings.IndexByte(fn[slash+1:], '.') + 1
	if pkgEnd <= slash {
		return ""
	}
	rest := strings.NewReplacer("(*", "", ")", "").Replace(fn[pkgEnd+1:])
	if i := strings.IndexByte(rest, '['); i >= 0 { // generic type: Pager[...]
		if j := strings.IndexByte(rest, ']'); j > i {
			rest = rest[:i] + rest[j+1:]
		}
	}
	parts := strings.Split(rest, ".")
	if len(parts) < 2 {
		return ""
	}
	return fn[:pkgEnd] + "." + parts[0] + "." + parts[1]
}

// inlinedMethod names the method of a closure whose method was inlined
// into its caller: the frame is then named after the caller
// ("...scim_test.TestX.(*Service).All.func3"), but its file is still the
// method's own, which gives the package ("github.com/watsgo/sdk/wats/scim").
func inlinedMethod(fn, file string) string {
	i := strings.LastIndex(fn, ".(*")
	if i < 0 || moduleRoot == "" {
		return ""
	}
	rel, err := filepath.Rel(moduleRoot, filepath.Dir(file))
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	return frameMethod("github.com/watsgo/sdk/" + filepath.ToSlash(rel) + fn[i:])
}

// moduleRoot is the module's directory (tests run in wats/watstest).
var moduleRoot = func() string {
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return ""
	}
	return dir
}()

// sdkServiceMethods lists, as "pkgpath.Type.Method", every exported method
// taking a context.Context first of *wats.Client, of the services in its
// fields, and of what their Internal() and Unverified() accessors return.
func sdkServiceMethods() []string {
	ctxType := reflect.TypeOf((*context.Context)(nil)).Elem()
	var out []string
	seenType := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seenType[t] {
			return
		}
		seenType[t] = true
		base := t
		if base.Kind() == reflect.Pointer {
			base = base.Elem()
		}
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			if m.Type.NumIn() >= 2 && m.Type.In(1) == ctxType {
				out = append(out, base.PkgPath()+"."+base.Name()+"."+m.Name)
			}
			if (m.Name == "Internal" || m.Name == "Unverified") && m.Type.NumIn() == 1 && m.Type.NumOut() == 1 {
				walk(m.Type.Out(0))
			}
		}
	}
	ct := reflect.TypeOf(&wats.Client{})
	walk(ct)
	for i := 0; i < ct.Elem().NumField(); i++ {
		if f := ct.Elem().Field(i); f.IsExported() && f.Type.Kind() == reflect.Pointer {
			walk(f.Type)
		}
	}
	sort.Strings(out)
	return out
}

func TestSDKServiceMethodsAreFound(t *testing.T) {
	ms := sdkServiceMethods()
	for _, want := range []string{"github.com/watsgo/sdk/wats.Client.Ping", "github.com/watsgo/sdk/report.Service.Submit"} {
		assert.Contains(t, ms, want)
	}
	assert.Greater(t, len(ms), 50, "every service's methods are enumerated")
	for m := range noRequestMethods {
		assert.Contains(t, ms, m, "an excused method must exist")
	}
	assert.Equal(t, "github.com/watsgo/sdk/report.Service.Submit", frameMethod("github.com/watsgo/sdk/report.(*Service).Submit.func1"))
	assert.Equal(t, "github.com/watsgo/sdk/x.Pager.Next", frameMethod("github.com/watsgo/sdk/x.(*Pager[...]).Next"))
	assert.Equal(t, "", frameMethod("runtime.goexit"))
}
