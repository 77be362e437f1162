// Command assembly builds a box at a test station: it labels a new unit
// with a serial number from the offline pool, attaches two child units,
// checks the assembly against the box build, submits a passing test report
// and shows the unit's verification grade.
//
// With WATS_URL and WATS_TOKEN set it talks to that server (the serial-number
// type, part numbers and box build named by the flags must exist there);
// otherwise it starts the in-memory emulator seeded with a demo factory
// (products and the box-build template through the product service):
//
//	go run ./examples/assembly
//	WATS_URL=https://acme.wats.com WATS_TOKEN=... go run ./examples/assembly -type SN -pool ./snpool
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/production/snpool"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// settings name what the demo builds.
type settings struct {
	snType   string // serial-number type for all three units
	poolDir  string // offline pool directory ("" = a temporary one)
	boxPN    string
	boxRev   string
	children [2][2]string // part number, revision
	process  int          // process code of the test report
}

func main() {
	s := settings{boxPN: "BOX", boxRev: "A", children: [2][2]string{{"PSU", "2.1"}, {"CPU", "1.0"}}, process: 10}
	flag.StringVar(&s.snType, "type", "Demo", "serial-number type to allocate from")
	flag.StringVar(&s.poolDir, "pool", "", "offline serial-number pool directory (default: a temporary one)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, s); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer, s settings) error {
	c, where, cleanup, err := connect(s)
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Fprintln(w, "WATS server:", where)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	dir := s.poolDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "wats-snpool"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	pool, err := snpool.Open(dir, s.snType, snpool.FromService(c.Production, &production.TakeOptions{RefPN: s.boxPN, StationName: "assembly-demo"}))
	if err != nil {
		return err
	}
	defer pool.Close()

	// 1. Three serial numbers from the pool: the box and its two children.
	var sns [3]string
	for i := range sns {
		if sns[i], err = pool.Next(ctx); err != nil {
			return err
		}
	}
	box := sns[0]
	units := []production.Unit{{SerialNumber: box, PartNumber: s.boxPN, Revision: s.boxRev}}
	for i, ch := range s.children {
		units = append(units, production.Unit{SerialNumber: sns[i+1], PartNumber: ch[0], Revision: ch[1]})
	}
	if _, err := c.Production.SaveUnits(ctx, units); err != nil {
		return fmt.Errorf("create units: %w", err)
	}
	fmt.Fprintf(w, "created unit %s (%s rev %s)\n", box, s.boxPN, s.boxRev)

	// 2. Children must be finalized before they go into the box.
	for _, u := range units[1:] {
		if err := c.Production.SetPhase(ctx, u.SerialNumber, u.PartNumber, production.PhaseFinalized); err != nil {
			return err
		}
		ref := production.ChildRef{ParentSerialNumber: box, ParentPartNumber: s.boxPN, ChildSerialNumber: u.SerialNumber, ChildPartNumber: u.PartNumber}
		if err := c.Production.AddChild(ctx, ref, nil); err != nil {
			return fmt.Errorf("attach %s: %w", u.SerialNumber, err)
		}
		fmt.Fprintf(w, "attached %s (%s rev %s)\n", u.SerialNumber, u.PartNumber, u.Revision)
	}

	// 3. Check the assembly against the box build.
	res, err := c.Production.VerifyBoxBuild(ctx, productTemplates(c.Product), box, s.boxPN)
	switch {
	case errors.Is(err, production.ErrNoTemplateSource):
		fmt.Fprintln(w, "box build: no template source, check skipped")
	case err != nil:
		return err
	default:
		fmt.Fprintf(w, "box build complete: %v\n", res.OK())
		for _, p := range res.Problems {
			fmt.Fprintln(w, "  problem:", p.Message)
		}
	}

	// 4. A passing test report, then the grade, which reflects it at once.
	if _, err := submitPassingReport(ctx, c, box, s); err != nil {
		return fmt.Errorf("submit report: %w", err)
	}
	fmt.Fprintf(w, "submitted a passing report for process %d\n", s.process)
	g, err := c.Production.Verify(ctx, box, s.boxPN)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "verification: status %s, grade %s\n", g.Status, g.Grade)
	for _, r := range g.Results {
		fmt.Fprintf(w, "  process %d: %s (%d run)\n", r.ProcessCode, r.Status, r.TotalCount)
	}
	return nil
}

// productTemplates reads box-build templates from the product domain
// (its internal template route) for production.VerifyBoxBuild.
func productTemplates(p *product.Service) production.TemplateSource {
	return production.TemplateFunc(func(ctx context.Context, pn, rev string) ([]production.TemplateLine, error) {
		rels, err := p.Internal().Template(ctx, pn, rev)
		lines := make([]production.TemplateLine, 0, len(rels))
		for _, r := range rels {
			lines = append(lines, production.TemplateLine{PartNumber: r.ChildPartNumber, Revision: r.ChildRevision, RevisionMask: r.RevisionMask, Quantity: r.Quantity})
		}
		return lines, err
	})
}

// seedProducts creates the demo's products, revisions and box-build template
// on the emulator through the product service.
func seedProducts(ctx context.Context, c *wats.Client, s settings) error {
	ids := map[string]string{}
	for _, pr := range [][2]string{{s.boxPN, s.boxRev}, s.children[0], s.children[1]} {
		if _, err := c.Product.Save(ctx, product.Product{PartNumber: pr[0]}); err != nil {
			return err
		}
		r, err := c.Product.SaveRevision(ctx, product.Revision{PartNumber: pr[0], Revision: pr[1]})
		if err != nil {
			return err
		}
		ids[pr[0]] = r.RevisionID
	}
	for _, ch := range s.children {
		rel := product.NewRelation{ParentRevisionID: ids[s.boxPN], ChildRevisionID: ids[ch[0]], Quantity: 1}
		if _, err := c.Product.Internal().CreateRelation(ctx, rel); err != nil {
			return err
		}
	}
	return nil
}

// connect uses WATS_URL/WATS_TOKEN when both are set, else a seeded emulator.
func connect(s settings) (*wats.Client, string, func(), error) {
	if os.Getenv(wats.EnvURL) != "" && os.Getenv(wats.EnvToken) != "" {
		c, err := wats.NewFromEnv()
		if err != nil {
			return nil, "", nil, err
		}
		return c, c.BaseURL(), func() {}, nil
	}
	lines := make([]watstest.BoxBuildLine, 0, len(s.children))
	for _, ch := range s.children {
		lines = append(lines, watstest.BoxBuildLine{PartNumber: ch[0], Revision: ch[1]})
	}
	srv := watstest.NewServer(
		watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: s.snType, Prefix: "DEMO", Digits: 6, Start: 1, End: 999999}),
		watstest.WithBoxBuild(s.boxPN, s.boxRev, lines...),
		watstest.WithVerificationRule(s.boxPN, s.process),
	)
	c, err := wats.New(srv.URL(), srv.Token())
	if err == nil {
		err = seedProducts(context.Background(), c, s)
	}
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	return c, "in-memory emulator at " + srv.URL(), srv.Close, nil
}
