// Package equipment lists the SDK's converters for files written by test
// equipment (as opposed to WATS's standard formats): NI TestStand XML
// reports, Takaya flying-probe ATD/ATDX/APT94xx files, SPEA 3030 logs,
// Teradyne GR228x datalogs and Spectrum CTRD exports, XJTAG .xjlog runs,
// Keysight i3070 logs, Klippel QC logs, Listen SoundCheck AutoSave text,
// SigmaQuest UnitReport XML, StepWize XSPC and Saki AOI XML.
//
// Each one recognises its format from the file's head, so the order only
// matters for files none of them claims. Register them after the standard
// converters.
package equipment

import (
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/i3070"
	"github.com/watsgo/sdk/report/convert/klippel"
	"github.com/watsgo/sdk/report/convert/listen"
	"github.com/watsgo/sdk/report/convert/saki"
	"github.com/watsgo/sdk/report/convert/sigmaquest"
	"github.com/watsgo/sdk/report/convert/spea"
	"github.com/watsgo/sdk/report/convert/stepwize"
	"github.com/watsgo/sdk/report/convert/takaya"
	"github.com/watsgo/sdk/report/convert/teradyne"
	"github.com/watsgo/sdk/report/convert/teststand"
	"github.com/watsgo/sdk/report/convert/xjtag"
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
		xjtag.New(),
		i3070.New(),
		klippel.New(),
		listen.New(),
		sigmaquest.New(),
		stepwize.New(),
		saki.New(),
	}
}
