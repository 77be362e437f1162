package report

// Chart is a step's XY graph (spec §11.7).
type Chart struct {
	meta
	ChartType Str       `json:"chartType" validate:"required,charttype"`
	Label     Str       `json:"label" validate:"omitempty,max=100,xmlsafe"`
	XLabel    Str       `json:"xLabel" validate:"omitempty,max=100,xmlsafe"`
	XUnit     Str       `json:"xUnit" validate:"omitempty,max=50,xmlsafe"`
	YLabel    Str       `json:"yLabel" validate:"omitempty,max=100,xmlsafe"`
	YUnit     Str       `json:"yUnit" validate:"omitempty,max=50,xmlsafe"`
	Series    []*Series `json:"series" validate:"-"`
}

// Series is one chart data series: semicolon-separated numbers in XData
// (optional, defaults to 0,1,2,...) and YData.
type Series struct {
	meta
	DataType Str `json:"dataType" validate:"required"`
	Name     Str `json:"name" validate:"required,min=1,max=100,xmlsafe"`
	XData    Str `json:"xdata"`
	YData    Str `json:"ydata" validate:"required"`
}

// Chart types the server accepts (parsed case-insensitively).
const (
	ChartLine      = "Line"
	ChartLineLogXY = "LineLogXY"
	ChartLineLogX  = "LineLogX"
	ChartLineLogY  = "LineLogY"
)
