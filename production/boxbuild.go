package production

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// TemplateLine is one line of a box-build template: a required child
// product revision. RevisionMask, when set, is a comma-separated list of
// accepted revisions where an entry ending in "%" matches by prefix
// ("1.0,2.%"); without a mask the child's revision must equal Revision
// (or anything goes when Revision is empty too).
type TemplateLine struct {
	PartNumber   string // child part number
	Revision     string // required child revision; empty with no mask accepts any
	RevisionMask string // accepted revisions when set, e.g. "1.0,2.%"
	// Quantity is how many children of this line the box build needs; 0 means 1.
	Quantity int
}

// TemplateSource gives the box-build template of a product revision. The
// product domain's template read adapts to it with TemplateFunc, mapping
// each product.Relation (ChildPartNumber, ChildRevision, RevisionMask,
// Quantity) of client.Product.Internal().Template to a TemplateLine; see
// examples/assembly. Keeping it an interface means this package does not
// depend on the product domain.
type TemplateSource interface {
	BoxBuildTemplate(ctx context.Context, partNumber, revision string) ([]TemplateLine, error)
}

// TemplateFunc adapts a function to TemplateSource.
type TemplateFunc func(ctx context.Context, partNumber, revision string) ([]TemplateLine, error)

// BoxBuildTemplate calls f.
func (f TemplateFunc) BoxBuildTemplate(ctx context.Context, partNumber, revision string) ([]TemplateLine, error) {
	return f(ctx, partNumber, revision)
}

// ErrNoTemplateSource is returned by VerifyBoxBuild when no template source
// is available (for example when the product domain is not configured);
// callers can skip the check on errors.Is(err, ErrNoTemplateSource).
var ErrNoTemplateSource = errors.New("production: no box-build template source")

// ProblemKind classifies a box-build mismatch.
type ProblemKind string

// Box-build problem kinds.
const (
	ProblemMissing       ProblemKind = "missing"        // a template line has fewer children than its quantity
	ProblemTooMany       ProblemKind = "too-many"       // more children of a line than its quantity
	ProblemWrongRevision ProblemKind = "wrong-revision" // part number in the template, revision not accepted
	ProblemUnexpected    ProblemKind = "unexpected"     // part number not in the template
	ProblemNotFinalized  ProblemKind = "not-finalized"  // child not in phase Finalized
)

// BoxBuildProblem is one mismatch between a unit's children and its template.
type BoxBuildProblem struct {
	Kind         ProblemKind // what is wrong
	PartNumber   string      // the child's or template line's part number
	Revision     string      // the child's or template line's revision
	SerialNumber string      // the child concerned; empty for ProblemMissing
	Message      string      // the problem in words
}

// BoxBuildResult is the outcome of VerifyBoxBuild.
type BoxBuildResult struct {
	// Unit is the parent as read from the server, with its sub-units.
	Unit *Unit
	// Template is the template it was checked against.
	Template []TemplateLine
	// Problems lists every mismatch; empty means the box build is complete.
	Problems []BoxBuildProblem
}

// OK reports whether the box build matches its template exactly.
func (r *BoxBuildResult) OK() bool { return len(r.Problems) == 0 }

// VerifyBoxBuild reads a unit with its direct children and checks them
// against the box-build template of the unit's product revision: every
// line present in its quantity with an accepted revision, nothing unexpected,
// every child Finalized. It is a client-side check (the server's document
// leaves CheckChildren's answer untyped); a nil src yields ErrNoTemplateSource
// before any request.
//
// WATS API: GET /api/Production/Unit/{serialNumber}/{partNumber}
func (s *Service) VerifyBoxBuild(ctx context.Context, src TemplateSource, serialNumber, partNumber string) (*BoxBuildResult, error) {
	const op = "production.VerifyBoxBuild"
	if src == nil {
		return nil, fmt.Errorf("%s: %w", op, ErrNoTemplateSource)
	}
	u, err := s.GetUnit(ctx, serialNumber, partNumber)
	if err != nil {
		return nil, err
	}
	tmpl, err := src.BoxBuildTemplate(ctx, u.PartNumber, u.Revision)
	if err != nil {
		return nil, fmt.Errorf("%s: box-build template of %s rev %s: %w", op, u.PartNumber, u.Revision, err)
	}
	res := &BoxBuildResult{Unit: u, Template: tmpl, Problems: CompareBoxBuild(tmpl, u.SubUnits)}
	return res, nil
}

// CompareBoxBuild checks children against a template and lists the
// problems (none when they match). It does no I/O.
func CompareBoxBuild(tmpl []TemplateLine, children []Unit) []BoxBuildProblem {
	var out []BoxBuildProblem
	found := make([]int, len(tmpl))
	for _, ch := range children {
		if ch.UnitPhaseID != 0 && ch.UnitPhaseID != PhaseFinalized {
			out = append(out, BoxBuildProblem{Kind: ProblemNotFinalized, PartNumber: ch.PartNumber, Revision: ch.Revision,
				SerialNumber: ch.SerialNumber, Message: fmt.Sprintf("child %s is in phase %s, not Finalized", ch.SerialNumber, ch.UnitPhaseID)})
		}
		line, pnKnown := -1, false
		for i, l := range tmpl {
			if !strings.EqualFold(l.PartNumber, ch.PartNumber) {
				continue
			}
			pnKnown = true
			if RevisionMatches(l, ch.Revision) {
				line = i
				if found[i] < quantity(l) {
					break // first line with room wins
				}
			}
		}
		switch {
		case line >= 0:
			found[line]++
			if found[line] > quantity(tmpl[line]) {
				out = append(out, BoxBuildProblem{Kind: ProblemTooMany, PartNumber: ch.PartNumber, Revision: ch.Revision,
					SerialNumber: ch.SerialNumber, Message: fmt.Sprintf("template wants %d of %s, child %s is one more", quantity(tmpl[line]), ch.PartNumber, ch.SerialNumber)})
			}
		case pnKnown:
			out = append(out, BoxBuildProblem{Kind: ProblemWrongRevision, PartNumber: ch.PartNumber, Revision: ch.Revision,
				SerialNumber: ch.SerialNumber, Message: fmt.Sprintf("child %s has revision %q, which the template does not accept", ch.SerialNumber, ch.Revision)})
		default:
			out = append(out, BoxBuildProblem{Kind: ProblemUnexpected, PartNumber: ch.PartNumber, Revision: ch.Revision,
				SerialNumber: ch.SerialNumber, Message: fmt.Sprintf("child %s has part number %s, which is not in the template", ch.SerialNumber, ch.PartNumber)})
		}
	}
	for i, l := range tmpl {
		if found[i] < quantity(l) {
			out = append(out, BoxBuildProblem{Kind: ProblemMissing, PartNumber: l.PartNumber, Revision: l.Revision,
				Message: fmt.Sprintf("template wants %d of %s, found %d", quantity(l), l.PartNumber, found[i])})
		}
	}
	return out
}

func quantity(l TemplateLine) int {
	if l.Quantity <= 0 {
		return 1
	}
	return l.Quantity
}

// RevisionMatches reports whether rev is accepted by a template line: by its
// RevisionMask when set ("1.0,2.%": exact entries or "%"-suffixed
// prefixes), else by equality with Revision, else always.
func RevisionMatches(l TemplateLine, rev string) bool {
	if strings.TrimSpace(l.RevisionMask) != "" {
		for _, m := range strings.Split(l.RevisionMask, ",") {
			m = strings.TrimSpace(m)
			if p, ok := strings.CutSuffix(m, "%"); ok {
				if strings.HasPrefix(rev, p) {
					return true
				}
			} else if m == rev {
				return true
			}
		}
		return false
	}
	return l.Revision == "" || l.Revision == rev
}
