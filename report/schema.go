package report

// Property tables in the server's key order. Each table is the
// single source of wire names and order for its type.

var (
	reportTable      *table[Report]
	uutTable         *table[UUTInfo]
	refUURTable      *table[RefUUR]
	uurTable         *table[UURInfo]
	miscTable        *table[MiscInfo]
	subUnitTable     *table[SubUnit]
	failureTable     *table[Failure]
	assetTable       *table[Asset]
	assetStatsTable  *table[AssetStats]
	binaryTable      *table[BinaryData]
	additionalTable  *table[AdditionalData]
	propertyTable    *table[Property]
	propArrayTable   *table[PropArray]
	propIndexTable   *table[PropIndex]
	stepTable        *table[Step]
	loopTable        *table[Loop]
	seqCallTable     *table[SeqCall]
	callExeTable     *table[CallExe]
	popupTable       *table[MessagePopup]
	chartTable       *table[Chart]
	seriesTable      *table[Series]
	attachmentTable  *table[Attachment]
	numericMeasTable *table[NumericMeas]
	stringMeasTable  *table[StringMeas]
	booleanMeasTable *table[BooleanMeas]
)

func init() {
	reportTable = newTable(
		fStr("type", func(r *Report) *Str { return &r.Header.Type }),
		fStr("id", func(r *Report) *Str { return &r.Header.ID }),
		fStr("pn", func(r *Report) *Str { return &r.Header.PN }),
		fStr("sn", func(r *Report) *Str { return &r.Header.SN }),
		fStr("rev", func(r *Report) *Str { return &r.Header.Rev }),
		fStr("productName", func(r *Report) *Str { return &r.Header.ProductName }),
		fInt("processCode", func(r *Report) *Int { return &r.Header.ProcessCode }),
		fStr("processCodeFormat", func(r *Report) *Str { return &r.Header.ProcessCodeFormat }),
		fStr("processName", func(r *Report) *Str { return &r.Header.ProcessName }),
		fStr("result", func(r *Report) *Str { return &r.Header.Result }),
		fStr("machineName", func(r *Report) *Str { return &r.Header.MachineName }),
		fStr("location", func(r *Report) *Str { return &r.Header.Location }),
		fStr("purpose", func(r *Report) *Str { return &r.Header.Purpose }),
		fStr("origin", func(r *Report) *Str { return &r.Header.Origin }),
		fTime("start", false, func(r *Report) *Time { return &r.Header.Start }),
		fTime("startUTC", true, func(r *Report) *Time { return &r.Header.StartUTC }),
		fObj[Report, Step, *Report, *Step]("root", func(r *Report) **Step { return &r.Root }, func() *table[Step] { return stepTable }),
		fObj[Report, UUTInfo, *Report, *UUTInfo]("uut", func(r *Report) **UUTInfo { return &r.UUT }, func() *table[UUTInfo] { return uutTable }),
		fObj[Report, UURInfo, *Report, *UURInfo]("uur", func(r *Report) **UURInfo { return &r.UUR }, func() *table[UURInfo] { return uurTable }),
		fList[Report, MiscInfo, *Report, *MiscInfo]("miscInfos", func(r *Report) *[]*MiscInfo { return &r.MiscInfos }, func() *table[MiscInfo] { return miscTable }),
		fList[Report, SubUnit, *Report, *SubUnit]("subUnits", func(r *Report) *[]*SubUnit { return &r.SubUnits }, func() *table[SubUnit] { return subUnitTable }),
		fList[Report, Asset, *Report, *Asset]("assets", func(r *Report) *[]*Asset { return &r.Assets }, func() *table[Asset] { return assetTable }),
		fList[Report, AssetStats, *Report, *AssetStats]("assetStats", func(r *Report) *[]*AssetStats { return &r.AssetStats }, func() *table[AssetStats] { return assetStatsTable }),
		fList[Report, BinaryData, *Report, *BinaryData]("binaryData", func(r *Report) *[]*BinaryData { return &r.BinaryData }, func() *table[BinaryData] { return binaryTable }),
		fList[Report, AdditionalData, *Report, *AdditionalData]("additionalData", func(r *Report) *[]*AdditionalData { return &r.AdditionalData }, func() *table[AdditionalData] { return additionalTable }),
	)
	uutTable = newTable(
		fNum("execTime", func(u *UUTInfo) *Num { return &u.ExecTime }),
		fStr("execTimeFormat", func(u *UUTInfo) *Str { return &u.ExecTimeFormat }),
		fInt("testSocketIndex", func(u *UUTInfo) *Int { return &u.TestSocketIndex }),
		fStr("testSocketIndexFormat", func(u *UUTInfo) *Str { return &u.TestSocketIndexFormat }),
		fStr("batchSN", func(u *UUTInfo) *Str { return &u.BatchSN }),
		fStr("comment", func(u *UUTInfo) *Str { return &u.Comment }),
		fInt("errorCode", func(u *UUTInfo) *Int { return &u.ErrorCode }),
		fStr("errorCodeFormat", func(u *UUTInfo) *Str { return &u.ErrorCodeFormat }),
		fStr("errorMessage", func(u *UUTInfo) *Str { return &u.ErrorMessage }),
		fStr("fixtureId", func(u *UUTInfo) *Str { return &u.FixtureID }),
		fStr("user", func(u *UUTInfo) *Str { return &u.User }),
		fInt("batchFailCount", func(u *UUTInfo) *Int { return &u.BatchFailCount }),
		fStr("batchFailCountFormat", func(u *UUTInfo) *Str { return &u.BatchFailCountFormat }),
		fInt("batchLoopIndex", func(u *UUTInfo) *Int { return &u.BatchLoopIndex }),
		fStr("batchLoopIndexFormat", func(u *UUTInfo) *Str { return &u.BatchLoopIndexFormat }),
		fInt("stepIdCausedUUTFailure", func(u *UUTInfo) *Int { return &u.StepIDCausedUUTFailure }),
		fList[UUTInfo, RefUUR, *UUTInfo, *RefUUR]("refUURs", func(u *UUTInfo) *[]*RefUUR { return &u.RefUURs }, func() *table[RefUUR] { return refUURTable }),
	)
	refUURTable = newTable(
		fStr("id", func(x *RefUUR) *Str { return &x.ID }),
		fTime("start", false, func(x *RefUUR) *Time { return &x.Start }),
	)
	uurTable = newTable(
		fStr("comment", func(u *UURInfo) *Str { return &u.Comment }),
		fStr("user", func(u *UURInfo) *Str { return &u.User }),
		fInt("processCode", func(u *UURInfo) *Int { return &u.ProcessCode }),
		fStr("processCodeFormat", func(u *UURInfo) *Str { return &u.ProcessCodeFormat }),
		fStr("processName", func(u *UURInfo) *Str { return &u.ProcessName }),
		fStr("refUUT", func(u *UURInfo) *Str { return &u.RefUUT }),
		fTime("confirmDate", false, func(u *UURInfo) *Time { return &u.ConfirmDate }),
		fTime("finalizeDate", false, func(u *UURInfo) *Time { return &u.FinalizeDate }),
		fNum("execTime", func(u *UURInfo) *Num { return &u.ExecTime }),
		fStr("parent", func(u *UURInfo) *Str { return &u.Parent }),
		fStrList[UURInfo]("children", func(u *UURInfo) *[]Str { return &u.Children }),
	)
	miscTable = newTable(
		fStr("description", func(m *MiscInfo) *Str { return &m.Description }),
		fStr("typedef", func(m *MiscInfo) *Str { return &m.Typedef }),
		fStr("text", func(m *MiscInfo) *Str { return &m.Text }),
		fInt("numeric", func(m *MiscInfo) *Int { return &m.Numeric }),
		fStr("numericFormat", func(m *MiscInfo) *Str { return &m.NumericFormat }),
		fStr("id", func(m *MiscInfo) *Str { return &m.ID }),
	)
	subUnitTable = newTable(
		fStr("partType", func(s *SubUnit) *Str { return &s.PartType }),
		fStr("pn", func(s *SubUnit) *Str { return &s.PN }),
		fStr("rev", func(s *SubUnit) *Str { return &s.Rev }),
		fStr("sn", func(s *SubUnit) *Str { return &s.SN }),
		fInt("idx", func(s *SubUnit) *Int { return &s.Idx }),
		fInt("parentIdx", func(s *SubUnit) *Int { return &s.ParentIdx }),
		fInt("position", func(s *SubUnit) *Int { return &s.Position }),
		fInt("replacedIdx", func(s *SubUnit) *Int { return &s.ReplacedIdx }),
		fList[SubUnit, Failure, *SubUnit, *Failure]("failures", func(s *SubUnit) *[]*Failure { return &s.Failures }, func() *table[Failure] { return failureTable }),
	)
	failureTable = newTable(
		fStr("artNumber", func(f *Failure) *Str { return &f.ArtNumber }),
		fStr("artRev", func(f *Failure) *Str { return &f.ArtRev }),
		fStr("artVendor", func(f *Failure) *Str { return &f.ArtVendor }),
		fStr("artDescription", func(f *Failure) *Str { return &f.ArtDescription }),
		fStr("category", func(f *Failure) *Str { return &f.Category }),
		fStr("code", func(f *Failure) *Str { return &f.Code }),
		fStr("comment", func(f *Failure) *Str { return &f.Comment }),
		fStr("comRef", func(f *Failure) *Str { return &f.ComRef }),
		fStr("funcBlock", func(f *Failure) *Str { return &f.FuncBlock }),
		fInt("refStepId", func(f *Failure) *Int { return &f.RefStepID }),
		fStr("refStepName", func(f *Failure) *Str { return &f.RefStepName }),
		fList[Failure, BinaryData, *Failure, *BinaryData]("attachments", func(f *Failure) *[]*BinaryData { return &f.Attachments }, func() *table[BinaryData] { return binaryTable }),
	)
	assetTable = newTable(
		fStr("assetSN", func(a *Asset) *Str { return &a.AssetSN }),
		fInt("usageCount", func(a *Asset) *Int { return &a.UsageCount }),
		fStr("usageCountFormat", func(a *Asset) *Str { return &a.UsageCountFormat }),
	)
	assetStatsTable = newTable(
		fStr("assetSN", func(a *AssetStats) *Str { return &a.AssetSN }),
		fInt("runningCount", func(a *AssetStats) *Int { return &a.RunningCount }),
		fInt("runningCountExceeded", func(a *AssetStats) *Int { return &a.RunningCountExceeded }),
		fInt("totalCount", func(a *AssetStats) *Int { return &a.TotalCount }),
		fInt("totalCountExceeded", func(a *AssetStats) *Int { return &a.TotalCountExceeded }),
		fNum("daysSinceCalibration", func(a *AssetStats) *Num { return &a.DaysSinceCalibration }),
		fBool("isDaysSinceCalibrationUnknown", func(a *AssetStats) *Bool { return &a.IsDaysSinceCalibrationUnknown }),
		fNum("calibrationDaysOverdue", func(a *AssetStats) *Num { return &a.CalibrationDaysOverdue }),
		fNum("daysSinceMaintenance", func(a *AssetStats) *Num { return &a.DaysSinceMaintenance }),
		fBool("isDaysSinceMaintenanceUnknown", func(a *AssetStats) *Bool { return &a.IsDaysSinceMaintenanceUnknown }),
		fNum("maintenanceDaysOverdue", func(a *AssetStats) *Num { return &a.MaintenanceDaysOverdue }),
		fStr("message", func(a *AssetStats) *Str { return &a.Message }),
	)
	binaryTable = newTable(
		fStr("contentType", func(b *BinaryData) *Str { return &b.ContentType }),
		fStr("data", func(b *BinaryData) *Str { return &b.Data }),
		fStr("name", func(b *BinaryData) *Str { return &b.Name }),
		fStr("id", func(b *BinaryData) *Str { return &b.ID }),
	)
	additionalTable = newTable(
		fStr("name", func(a *AdditionalData) *Str { return &a.Name }),
		fList[AdditionalData, Property, *AdditionalData, *Property]("props", func(a *AdditionalData) *[]*Property { return &a.Props }, func() *table[Property] { return propertyTable }),
	)
	propertyTable = newTable(
		fStr("name", func(p *Property) *Str { return &p.Name }),
		fStr("type", func(p *Property) *Str { return &p.Type }),
		fInt("flags", func(p *Property) *Int { return &p.Flags }),
		fStr("value", func(p *Property) *Str { return &p.Value }),
		fStr("numFormat", func(p *Property) *Str { return &p.NumFormat }),
		fStr("comment", func(p *Property) *Str { return &p.Comment }),
		fList[Property, Property, *Property, *Property]("props", func(p *Property) *[]*Property { return &p.Props }, func() *table[Property] { return propertyTable }),
		fObj[Property, PropArray, *Property, *PropArray]("array", func(p *Property) **PropArray { return &p.Array }, func() *table[PropArray] { return propArrayTable }),
	)
	propArrayTable = newTable(
		fInt("dimension", func(a *PropArray) *Int { return &a.Dimension }),
		fStr("type", func(a *PropArray) *Str { return &a.Type }),
		fList[PropArray, PropIndex, *PropArray, *PropIndex]("indexes", func(a *PropArray) *[]*PropIndex { return &a.Indexes }, func() *table[PropIndex] { return propIndexTable }),
	)
	propIndexTable = newTable(
		fStr("text", func(x *PropIndex) *Str { return &x.Text }),
		fIntList[PropIndex]("indexes", func(x *PropIndex) *[]Int { return &x.Indexes }),
		fObj[PropIndex, Property, *PropIndex, *Property]("value", func(x *PropIndex) **Property { return &x.Value }, func() *table[Property] { return propertyTable }),
	)
	stepTable = newTable(
		fInt("id", func(s *Step) *Int { return &s.ID }),
		fStr("group", func(s *Step) *Str { return &s.Group }),
		fStr("stepType", func(s *Step) *Str { return &s.StepType }),
		fInt("interactiveExeNum", func(s *Step) *Int { return &s.InteractiveExeNum }),
		fStr("interactiveExeNumFormat", func(s *Step) *Str { return &s.InteractiveExeNumFormat }),
		fObj[Step, Loop, *Step, *Loop]("loop", func(s *Step) **Loop { return &s.Loop }, func() *table[Loop] { return loopTable }),
		fStr("name", func(s *Step) *Str { return &s.Name }),
		fTime("start", false, func(s *Step) *Time { return &s.Start }),
		fStr("status", func(s *Step) *Str { return &s.Status }),
		fInt("errorCode", func(s *Step) *Int { return &s.ErrorCode }),
		fStr("errorCodeFormat", func(s *Step) *Str { return &s.ErrorCodeFormat }),
		fStr("errorMessage", func(s *Step) *Str { return &s.ErrorMessage }),
		fStr("tsGuid", func(s *Step) *Str { return &s.TSGuid }),
		fNum("totTime", func(s *Step) *Num { return &s.TotTime }),
		fStr("totTimeFormat", func(s *Step) *Str { return &s.TotTimeFormat }),
		fBool("causedSeqFailure", func(s *Step) *Bool { return &s.CausedSeqFailure }),
		fBool("causedUUTFailure", func(s *Step) *Bool { return &s.CausedUUTFailure }),
		fStr("reportText", func(s *Step) *Str { return &s.ReportText }),
		fList[Step, Step, *Step, *Step]("steps", func(s *Step) *[]*Step { return &s.Steps }, func() *table[Step] { return stepTable }),
		fList[Step, NumericMeas, *Step, *NumericMeas]("numericMeas", func(s *Step) *[]*NumericMeas { return &s.NumericMeas }, func() *table[NumericMeas] { return numericMeasTable }),
		fList[Step, StringMeas, *Step, *StringMeas]("stringMeas", func(s *Step) *[]*StringMeas { return &s.StringMeas }, func() *table[StringMeas] { return stringMeasTable }),
		fList[Step, BooleanMeas, *Step, *BooleanMeas]("booleanMeas", func(s *Step) *[]*BooleanMeas { return &s.BooleanMeas }, func() *table[BooleanMeas] { return booleanMeasTable }),
		fList[Step, AdditionalData, *Step, *AdditionalData]("additionalResults", func(s *Step) *[]*AdditionalData { return &s.AdditionalResults }, func() *table[AdditionalData] { return additionalTable }),
		fObj[Step, SeqCall, *Step, *SeqCall]("seqCall", func(s *Step) **SeqCall { return &s.SeqCall }, func() *table[SeqCall] { return seqCallTable }),
		fObj[Step, CallExe, *Step, *CallExe]("callExe", func(s *Step) **CallExe { return &s.CallExe }, func() *table[CallExe] { return callExeTable }),
		fObj[Step, MessagePopup, *Step, *MessagePopup]("messagePopup", func(s *Step) **MessagePopup { return &s.MessagePopup }, func() *table[MessagePopup] { return popupTable }),
		fObj[Step, Chart, *Step, *Chart]("chart", func(s *Step) **Chart { return &s.Chart }, func() *table[Chart] { return chartTable }),
		fObj[Step, Attachment, *Step, *Attachment]("attachment", func(s *Step) **Attachment { return &s.Attachment }, func() *table[Attachment] { return attachmentTable }),
	)
	loopTable = newTable(
		fInt("idx", func(l *Loop) *Int { return &l.Idx }),
		fInt("num", func(l *Loop) *Int { return &l.Num }),
		fInt("endingIndex", func(l *Loop) *Int { return &l.EndingIndex }),
		fInt("passed", func(l *Loop) *Int { return &l.Passed }),
		fInt("failed", func(l *Loop) *Int { return &l.Failed }),
	)
	seqCallTable = newTable(
		fStr("path", func(c *SeqCall) *Str { return &c.Path }),
		fStr("name", func(c *SeqCall) *Str { return &c.Name }),
		fStr("version", func(c *SeqCall) *Str { return &c.Version }),
	)
	callExeTable = newTable(
		fNum("exitCode", func(c *CallExe) *Num { return &c.ExitCode }),
		fStr("exitCodeFormat", func(c *CallExe) *Str { return &c.ExitCodeFormat }),
	)
	popupTable = newTable(
		fStr("response", func(m *MessagePopup) *Str { return &m.Response }),
		fInt("button", func(m *MessagePopup) *Int { return &m.Button }),
		fStr("buttonFormat", func(m *MessagePopup) *Str { return &m.ButtonFormat }),
	)
	chartTable = newTable(
		fStr("chartType", func(c *Chart) *Str { return &c.ChartType }),
		fStr("label", func(c *Chart) *Str { return &c.Label }),
		fStr("xLabel", func(c *Chart) *Str { return &c.XLabel }),
		fStr("xUnit", func(c *Chart) *Str { return &c.XUnit }),
		fStr("yLabel", func(c *Chart) *Str { return &c.YLabel }),
		fStr("yUnit", func(c *Chart) *Str { return &c.YUnit }),
		fList[Chart, Series, *Chart, *Series]("series", func(c *Chart) *[]*Series { return &c.Series }, func() *table[Series] { return seriesTable }),
	)
	seriesTable = newTable(
		fStr("dataType", func(s *Series) *Str { return &s.DataType }),
		fStr("name", func(s *Series) *Str { return &s.Name }),
		fStr("xdata", func(s *Series) *Str { return &s.XData }),
		fStr("ydata", func(s *Series) *Str { return &s.YData }),
	)
	attachmentTable = newTable(
		fStr("name", func(a *Attachment) *Str { return &a.Name }),
		fStr("contentType", func(a *Attachment) *Str { return &a.ContentType }),
		fStr("data", func(a *Attachment) *Str { return &a.Data }),
	)
	numericMeasTable = newTable(
		fStr("compOp", func(m *NumericMeas) *Str { return &m.CompOp }),
		fStr("name", func(m *NumericMeas) *Str { return &m.Name }),
		fStr("status", func(m *NumericMeas) *Str { return &m.Status }),
		fStr("unit", func(m *NumericMeas) *Str { return &m.Unit }),
		fNum("value", func(m *NumericMeas) *Num { return &m.Value }),
		fStr("valueFormat", func(m *NumericMeas) *Str { return &m.ValueFormat }),
		fNum("highLimit", func(m *NumericMeas) *Num { return &m.HighLimit }),
		fStr("highLimitFormat", func(m *NumericMeas) *Str { return &m.HighLimitFormat }),
		fNum("lowLimit", func(m *NumericMeas) *Num { return &m.LowLimit }),
		fStr("lowLimitFormat", func(m *NumericMeas) *Str { return &m.LowLimitFormat }),
	)
	stringMeasTable = newTable(
		fStr("compOp", func(m *StringMeas) *Str { return &m.CompOp }),
		fStr("name", func(m *StringMeas) *Str { return &m.Name }),
		fStr("status", func(m *StringMeas) *Str { return &m.Status }),
		fStr("value", func(m *StringMeas) *Str { return &m.Value }),
		fStr("limit", func(m *StringMeas) *Str { return &m.Limit }),
	)
	booleanMeasTable = newTable(
		fStr("name", func(m *BooleanMeas) *Str { return &m.Name }),
		fStr("status", func(m *BooleanMeas) *Str { return &m.Status }),
	)
	// The server's "always" emit rule for nullable properties;
	// non-nullable ones (type, result, start, group, status, value, ...)
	// are left to Validate instead of being written as null.
	reportTable.alwaysNull("pn", "sn", "rev", "productName", "processCode", "processCodeFormat", "processName",
		"machineName", "location", "purpose", "origin", "miscInfos", "subUnits")
	uutTable.alwaysNull("execTime", "testSocketIndex", "batchSN", "comment", "errorCode", "errorMessage", "fixtureId",
		"user", "batchFailCount", "batchLoopIndex", "stepIdCausedUUTFailure")
	uurTable.alwaysNull("comment", "user", "processName", "refUUT", "confirmDate", "finalizeDate", "execTime", "parent", "children")
	miscTable.alwaysNull("description", "text", "numeric")
	subUnitTable.alwaysNull("partType", "pn", "rev", "sn")
	failureTable.alwaysNull("artNumber", "artRev", "artVendor", "artDescription", "category", "code", "comment", "comRef", "funcBlock", "refStepName")
	assetTable.alwaysNull("assetSN", "usageCountFormat")
	assetStatsTable.alwaysNull("assetSN")
	binaryTable.alwaysNull("contentType", "data", "name", "id")
	additionalTable.alwaysNull("name", "props")
	propertyTable.alwaysNull("name", "type")
	stepTable.alwaysNull("id", "stepType", "name", "totTime")
	loopTable.alwaysNull("idx", "num", "endingIndex", "passed", "failed")
	seqCallTable.alwaysNull("path", "name", "version")
	callExeTable.alwaysNull("exitCode")
	popupTable.alwaysNull("response", "button")
	chartTable.alwaysNull("chartType", "label", "xLabel", "xUnit", "yLabel", "yUnit", "series")
	seriesTable.alwaysNull("dataType", "name", "xdata", "ydata")
	attachmentTable.alwaysNull("name", "contentType", "data")
	numericMeasTable.alwaysNull("compOp", "name", "unit", "highLimit", "lowLimit")
	stringMeasTable.alwaysNull("compOp", "name", "value", "limit")
	booleanMeasTable.alwaysNull("name")
	setupFast()
}
