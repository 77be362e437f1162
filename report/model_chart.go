package report

// Chart is a step's XY graph.
type Chart struct {
	meta
	ChartType Str       `json:"chartType" validate:"required,charttype"`     // Line, LineLogXY, LineLogX or LineLogY (chartType)
	Label     Str       `json:"label" validate:"omitempty,max=100,xmlsafe"`  // chart title (label)
	XLabel    Str       `json:"xLabel" validate:"omitempty,max=100,xmlsafe"` // X-axis name (xLabel)
	XUnit     Str       `json:"xUnit" validate:"omitempty,max=50,xmlsafe"`   // X-axis unit (xUnit)
	YLabel    Str       `json:"yLabel" validate:"omitempty,max=100,xmlsafe"` // Y-axis name (yLabel)
	YUnit     Str       `json:"yUnit" validate:"omitempty,max=50,xmlsafe"`   // Y-axis unit (yUnit)
	Series    []*Series `json:"series" validate:"-"`                         // data series (series)
}

// Series is one chart data series: semicolon-separated numbers in XData
// (optional, defaults to 0,1,2,...) and YData.
type Series struct {
	meta
	DataType Str `json:"dataType" validate:"required"`                   // "XYG" (XY graph), the only known value (dataType)
	Name     Str `json:"name" validate:"required,min=1,max=100,xmlsafe"` // series legend (name)
	XData    Str `json:"xdata"`                                          // semicolon-separated X values; null means 0, 1, 2, ... (xdata)
	YData    Str `json:"ydata" validate:"required"`                      // semicolon-separated Y values, as many as X (ydata)
}

// Chart types the server accepts (parsed case-insensitively).
const (
	ChartLine      = "Line"
	ChartLineLogXY = "LineLogXY"
	ChartLineLogX  = "LineLogX"
	ChartLineLogY  = "LineLogY"
)
