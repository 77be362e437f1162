package analytics

import (
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// Dimension is a grouping column of DynamicYield or DynamicRepair.
type Dimension string

// Yield dimensions of DynamicYield. DimPeriod needs a DateGrouping.
const (
	DimPartNumber               Dimension = "partNumber"
	DimProductName              Dimension = "productName"
	DimStationName              Dimension = "stationName"
	DimLocation                 Dimension = "location"
	DimPurpose                  Dimension = "purpose"
	DimRevision                 Dimension = "revision"
	DimTestOperation            Dimension = "testOperation"
	DimProcessCode              Dimension = "processCode"
	DimSWFilename               Dimension = "swFilename"
	DimSWVersion                Dimension = "swVersion"
	DimProductGroup             Dimension = "productGroup"
	DimLevel                    Dimension = "level"
	DimPeriod                   Dimension = "period"
	DimBatchNumber              Dimension = "batchNumber"
	DimOperator                 Dimension = "operator"
	DimFixtureID                Dimension = "fixtureId"
	DimSocketIndex              Dimension = "socketIndex"
	DimErrorCode                Dimension = "errorCode"
	DimMiscInfoDescription      Dimension = "miscInfoDescription"
	DimMiscInfoString           Dimension = "miscInfoString"
	DimStepCausedUUTFailure     Dimension = "stepCausedUutFailure"
	DimStepPathCausedUUTFailure Dimension = "stepPathCausedUutFailure"
	DimAssetSerialNumber        Dimension = "assetSerialNumber"
	DimAssetName                Dimension = "assetName"
)

// Repair-only dimensions of DynamicRepair; DynamicRepair also
// accepts several of the yield dimensions above.
const (
	DimUnitType             Dimension = "unitType"
	DimRepairOperation      Dimension = "repairOperation"
	DimRepairCode           Dimension = "repairCode"
	DimRepairCategory       Dimension = "repairCategory"
	DimRepairType           Dimension = "repairType"
	DimComponentRef         Dimension = "componentRef"
	DimComponentNumber      Dimension = "componentNumber"
	DimComponentRevision    Dimension = "componentRevision"
	DimComponentVendor      Dimension = "componentVendor"
	DimComponentDescription Dimension = "componentDescription"
	DimFunctionBlock        Dimension = "functionBlock"
	DimReferencedStep       Dimension = "referencedStep"
	DimReferencedStepPath   Dimension = "referencedStepPath"
	DimTestPeriod           Dimension = "testPeriod"
	DimTestLevel            Dimension = "testLevel"
	DimTestStationName      Dimension = "testStationName"
	DimTestLocation         Dimension = "testLocation"
	DimTestPurpose          Dimension = "testPurpose"
	DimTestOperator         Dimension = "testOperator"
)

// KPI is a computed column of DynamicYield or DynamicRepair.
type KPI string

// Yield KPIs of DynamicYield; fp/sp/tp/lp = first/second/third/last pass.
const (
	KPIUnitCount       KPI = "unitCount"
	KPIFPCount         KPI = "fpCount"
	KPISPCount         KPI = "spCount"
	KPITPCount         KPI = "tpCount"
	KPILPCount         KPI = "lpCount"
	KPIFPY             KPI = "fpy"
	KPISPY             KPI = "spy"
	KPITPY             KPI = "tpy"
	KPILPY             KPI = "lpy"
	KPITestYieldCount  KPI = "testYieldCount"
	KPITestReportCount KPI = "testReportCount"
	KPITestYield       KPI = "testYield"
	KPIFirstUTC        KPI = "firstUtc"
	KPILastUTC         KPI = "lastUtc"
	KPIFPFailCount     KPI = "fpFailCount"
	KPISPFailCount     KPI = "spFailCount"
	KPITPFailCount     KPI = "tpFailCount"
	KPILPFailCount     KPI = "lpFailCount"
	KPIRetestCount     KPI = "retestCount"
	KPIPPMFPY          KPI = "ppmFpy"
	KPIPPMSPY          KPI = "ppmSpy"
	KPIPPMTPY          KPI = "ppmTpy"
	KPIPPMLPY          KPI = "ppmLpy"
	KPIPPMTestYield    KPI = "ppmTestYield"
	KPIFPYTrend        KPI = "fpyTrend"
	KPIUnitCountTrend  KPI = "unitCountTrend"
	KPIPreviousUnits   KPI = "previousUnitCount"
)

// Repair KPIs (DynamicRepair).
const (
	KPIRepairReportCount KPI = "repairReportCount"
	KPIRepairCount       KPI = "repairCount"
)

// Order is the sort direction of a dimensions item.
type Order string

// Sort directions; OrderNone leaves the item unsorted (grouping only).
const (
	OrderNone Order = ""
	OrderAsc  Order = "asc"
	OrderDesc Order = "desc"
)

// Item is one element of a dimensions list: a dimension or KPI name with
// an optional sort order.
type Item struct {
	Name  string // dimension or KPI name as on the wire
	Order Order  // sort direction; OrderNone groups only
}

// By groups by a dimension (no explicit order).
func By(d Dimension) Item { return Item{Name: string(d)} }

// Show asks for a KPI column without sorting by it.
func Show(k KPI) Item { return Item{Name: string(k)} }

// Asc sorts ascending by a dimension or KPI (pass a Dimension or a KPI).
func Asc[T Dimension | KPI](name T) Item { return Item{Name: string(name), Order: OrderAsc} }

// Desc sorts descending by a dimension or KPI (pass a Dimension or a KPI).
func Desc[T Dimension | KPI](name T) Item { return Item{Name: string(name), Order: OrderDesc} }

// Dimensions lists the grouping and KPI items of a dynamic query, in the
// order the server groups and sorts by. Only the KPIs named come back; with
// none named the server returns them all.
type Dimensions []Item

// String renders the wire form, e.g. "unitCount desc;partNumber;period".
func (d Dimensions) String() string {
	parts := make([]string, len(d))
	for i, it := range d {
		parts[i] = it.Name
		if it.Order != OrderNone {
			parts[i] += " " + string(it.Order)
		}
	}
	return strings.Join(parts, ";")
}

// has reports whether an item named name is present.
func (d Dimensions) has(name string) bool {
	for _, it := range d {
		if it.Name == name {
			return true
		}
	}
	return false
}

func (d Dimensions) check(v *errs.ValidationError) {
	for i, it := range d {
		path := "dimensions[" + itoa(i) + "]"
		switch {
		case strings.TrimSpace(it.Name) == "":
			v.Add(path, "required", "item name is empty")
		case strings.ContainsAny(it.Name, "; \t"):
			v.Add(path, "excludesall=; ", "item name \""+it.Name+"\" must not contain ';' or spaces; use one Item per name")
		}
		if it.Order != OrderNone && it.Order != OrderAsc && it.Order != OrderDesc {
			v.Add(path, "oneof=asc desc", "order must be OrderAsc or OrderDesc")
		}
		if it.Order != OrderNone && (strings.HasSuffix(it.Name, "Trend") || strings.HasPrefix(it.Name, "previous")) {
			v.Add(path, "sortable", "trend and previous-period KPIs cannot be sort keys")
		}
	}
}
