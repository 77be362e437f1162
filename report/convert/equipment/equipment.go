// Package equipment lists the SDK's converters for files written by test
// equipment (as opposed to WATS's standard formats): NI TestStand XML
// reports, Takaya flying-probe ATD/ATDX/APT94xx files, SPEA 3030 logs and
// Teradyne GR228x datalogs and Spectrum CTRD exports.
//
// Each one recognises its format from the file's head, so the order only
// matters for files none of them claims. Register them after the standard
// converters.
package equipment

import (
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/spea"
	"github.com/watsgo/sdk/report/convert/takaya"
	"github.com/watsgo/sdk/report/convert/teradyne"
	"github.com/watsgo/sdk/report/convert/teststand"
)

// Converters returns a new value of every equipment converter.
func Converters() []convert.Converter {
	return []convert.Converter{
		teststand.New(),
		takaya.NewATD(),
		takaya.NewATDX(),
		takaya.NewAPT94xx(),
		spea.New(),
		teradyne.NewGR228x(),
		teradyne.NewSpectrum(),
	}
}
