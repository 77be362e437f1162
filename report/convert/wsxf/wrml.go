package wsxf

import (
	"context"

	"github.com/watsgo/sdk/report"
)

// flatIndex links WRML's flat Report children: steps by StepID/ParentStepID and
// content elements by StepID, each list in document order.
type flatIndex struct {
	kids  map[*elem][]*elem
	links map[*elem][]*elem
}

func (f *flatIndex) children(se *elem) []*elem { return f.kids[se] }
func (f *flatIndex) linked(se *elem) []*elem   { return f.links[se] }

// flatSteps builds the step tree of a WRML report.
func (c *conv) flatSteps(ctx context.Context, r *report.Report, re *elem) error {
	byID := map[string]*elem{}
	var steps []*elem
	var root *elem
	for _, k := range re.kids {
		if k.name != "Step" {
			continue
		}
		id := trimmed(k, "StepID")
		if id == "" {
			return c.failAttr(k, "StepID", "step without StepID")
		}
		if byID[id] != nil {
			return c.failAttr(k, "StepID", "StepID %s is used twice", id)
		}
		byID[id] = k
		steps = append(steps, k)
		if trimmed(k, "ParentStepID") == "" {
			if root != nil {
				return c.fail(k, "more than one root step (no ParentStepID)")
			}
			root = k
		}
	}
	if root == nil {
		return c.fail(re, "no root step")
	}
	f := &flatIndex{kids: map[*elem][]*elem{}, links: map[*elem][]*elem{}}
	for _, k := range steps {
		if k == root {
			continue
		}
		pid := trimmed(k, "ParentStepID")
		p := byID[pid]
		if p == nil {
			return c.failAttr(k, "ParentStepID", "parent step %s does not exist", pid)
		}
		f.kids[p] = append(f.kids[p], k)
	}
	for _, k := range re.kids {
		if k.name == "Step" {
			continue
		}
		id, ok := k.attr("StepID")
		if !ok {
			continue
		}
		se := byID[trimmed(k, "StepID")]
		if se == nil {
			return c.failAttr(k, "StepID", "step %s does not exist", id)
		}
		f.links[se] = append(f.links[se], k)
	}
	c.flat = f
	s, err := c.step(ctx, root, f.linked(root), f.children(root), 0)
	if err != nil {
		return err
	}
	if s.SeqCall == nil {
		return c.fail(root, "the root step must carry one SequenceCall")
	}
	// Steps in a ParentStepID cycle are never reached from the root.
	n := 0
	s.Walk(func(*report.Step) bool { n++; return true })
	if n != len(steps) {
		return c.fail(re, "%d of %d steps are not reachable from the root step (ParentStepID cycle)", len(steps)-n, len(steps))
	}
	r.Root = s
	return nil
}
