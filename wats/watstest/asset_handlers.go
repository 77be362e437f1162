package watstest

import (
	"fmt"
	"net/http"

	"github.com/watsgo/sdk/internal/contract"
)

// The asset routes of the emulator: each handler reads the request, calls
// one assetState method and writes the answer in the document's schema.
// Actions the document answers with an untyped object answer 200 with an
// empty body.

// The asset list routes take OData in the engine's open dialect (any
// property, matched case-insensitively).
var assetSchema = &odataSchema{open: true}

// assetRelease253 is the written evidence for the asset routes the server's
// documents (exported October 2025) do not list.
const assetRelease253 = "WATS 25.3 feature release note \"Asset Calibration improvements 25.3\" (Virinco, December 2025), " +
	"section API & Integration, lists Asset/Calibration/External, Asset/Maintenance/External, Asset/SetRunningCount " +
	"and Asset/SetTotalCount as new REST endpoints; verbs and parameters as pyWATS calls them"

func init() {
	contract.RegisterExtra(http.MethodPut, "/api/Asset/SetRunningCount", "Asset_SetRunningCount", assetRelease253)
	contract.RegisterExtra(http.MethodPut, "/api/Asset/SetTotalCount", "Asset_SetTotalCount", assetRelease253)
	contract.RegisterExtra(http.MethodPost, "/api/Asset/Calibration/External", "Asset_PostCalibrationExternal", assetRelease253)
	contract.RegisterExtra(http.MethodPost, "/api/Asset/Maintenance/External", "Asset_PostMaintenanceExternal", assetRelease253)
}

func (e *Emulator) installAsset() {
	e.handle(http.MethodGet, "/api/Asset", e.assetList)
	e.handle(http.MethodPut, "/api/Asset", e.assetSave)
	e.handle(http.MethodDelete, "/api/Asset", e.assetDelete)
	// One server template with two documented names; the first matches
	// every request and looks the key up as an id, then as a serial number.
	e.handle(http.MethodGet, "/api/Asset/{assetId}", e.assetGet("assetId"))
	e.handle(http.MethodGet, "/api/Asset/{serialNumber}", e.assetGet("serialNumber"))
	e.handle(http.MethodGet, "/api/Asset/Status", e.assetStatus)
	e.handle(http.MethodPut, "/api/Asset/State", e.assetSetState)
	e.handle(http.MethodPut, "/api/Asset/Count", e.assetCount)
	e.handle(http.MethodPost, "/api/Asset/ResetRunningCount", e.assetResetRunningCount)
	e.handle(http.MethodPost, "/api/Asset/Calibration", e.assetEventHandler(true))
	e.handle(http.MethodPost, "/api/Asset/Maintenance", e.assetEventHandler(false))
	e.handle(http.MethodGet, "/api/Asset/Log", e.assetLog)
	e.handle(http.MethodPost, "/api/Asset/Message", e.assetMessage)
	e.handle(http.MethodGet, "/api/Asset/Types", e.assetTypes)
	e.handle(http.MethodPut, "/api/Asset/Types", e.assetSaveType)
	e.handle(http.MethodGet, "/api/Asset/SubAssets", e.assetSubAssets)

	// WATS 25.3 routes that the server's documents do not list yet (named
	// in Virinco's release note "Asset Calibration improvements 25.3").
	e.handle(http.MethodPut, "/api/Asset/SetRunningCount", e.assetSetCounter(false))
	e.handle(http.MethodPut, "/api/Asset/SetTotalCount", e.assetSetCounter(true))
	e.handle(http.MethodPost, "/api/Asset/Calibration/External", e.assetExternalEvent(true))
	e.handle(http.MethodPost, "/api/Asset/Maintenance/External", e.assetExternalEvent(false))

	e.installAssetFiles()
}

// assetWho returns the request's identifying parameters and author.
func assetWho(r *http.Request) (id, sn, user string) {
	return query(r, "id"), query(r, "serialNumber"), mesCaller(r)
}

// assetDone answers a void action: 200 with no body, or the error.
func assetDone(w http.ResponseWriter, err error) {
	if err != nil {
		mesWriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// assetODataAnswer applies the request's OData options to rows and caps an
// answer without $top at the server's 1000 rows. Plain paging works on the
// typed rows; only $filter and $orderby need the generic form.
func assetODataAnswer[T any](w http.ResponseWriter, r *http.Request, rows []T) {
	_, hasTop := queryLookup(r, "$top")
	if !odataNeedsRows(r, assetSchema) {
		top, skip, ok := odataPaging(w, r, assetSchema)
		if !ok {
			return
		}
		page := pageOf(rows, top, skip)
		if !hasTop && len(page) > assetListCap {
			page = page[:assetListCap]
		}
		writeJSON(w, http.StatusOK, page)
		return
	}
	generic, err := mesRows(rows)
	if err != nil {
		mesWriteError(w, err)
		return
	}
	out, ok := odataList(w, r, generic, assetSchema)
	if !ok {
		return
	}
	if !hasTop && len(out) > assetListCap {
		out = out[:assetListCap]
	}
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, out)
}

// assetList serves GET /api/Asset.
func (e *Emulator) assetList(w http.ResponseWriter, r *http.Request, _ Params) {
	assetODataAnswer(w, r, e.assets.list())
}

// assetGet serves GET /api/Asset/{assetId} and /api/Asset/{serialNumber}.
func (e *Emulator) assetGet(param string) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, p Params) {
		a, err := e.assets.get(p.Get(param))
		if err != nil {
			mesWriteError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, a)
	}
}

// assetSave serves PUT /api/Asset.
func (e *Emulator) assetSave(w http.ResponseWriter, r *http.Request, _ Params) {
	var in assetIn
	if !readJSON(w, r, &in) {
		return
	}
	a, err := e.assets.save(in, e.now(), mesCaller(r), false)
	if err != nil {
		mesWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// assetDelete serves DELETE /api/Asset.
func (e *Emulator) assetDelete(w http.ResponseWriter, r *http.Request, _ Params) {
	id, sn, _ := assetWho(r)
	assetDone(w, e.assets.remove(id, sn))
}

// assetStatus serves GET /api/Asset/Status.
func (e *Emulator) assetStatus(w http.ResponseWriter, r *http.Request, _ Params) {
	if _, ok := queryBool(w, r, "translate", true); !ok {
		return
	}
	id, sn, _ := assetWho(r)
	st, err := e.assets.status(id, sn, e.now())
	if err != nil {
		mesWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// assetSetState serves PUT /api/Asset/State.
func (e *Emulator) assetSetState(w http.ResponseWriter, r *http.Request, _ Params) {
	st, ok := queryInt(w, r, "state", -1)
	if !ok {
		return
	}
	id, sn, user := assetWho(r)
	assetDone(w, e.assets.setState(id, sn, st, e.now(), user))
}

// assetCount serves PUT /api/Asset/Count.
func (e *Emulator) assetCount(w http.ResponseWriter, r *http.Request, _ Params) {
	inc, ok := queryInt(w, r, "incrementBy", 1)
	if !ok {
		return
	}
	_, hasTotal := queryLookup(r, "totalCount")
	total, ok := queryInt(w, r, "totalCount", 0)
	if !ok {
		return
	}
	children, ok := queryBool(w, r, "incrementChildren", false)
	if !ok {
		return
	}
	id, sn, user := assetWho(r)
	assetDone(w, e.assets.count(id, sn, assetCount{
		incrementBy: inc, total: total, hasTotal: hasTotal, children: children, now: e.now(), user: user,
	}))
}

// assetResetRunningCount serves POST /api/Asset/ResetRunningCount.
func (e *Emulator) assetResetRunningCount(w http.ResponseWriter, r *http.Request, _ Params) {
	id, sn, user := assetWho(r)
	assetDone(w, e.assets.resetRunning(id, sn, query(r, "comment"), e.now(), user))
}

// assetEventHandler serves POST /api/Asset/Calibration and /Maintenance.
func (e *Emulator) assetEventHandler(calibration bool) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		last := e.now().UTC()
		if v := query(r, "dateTime"); v != "" {
			t, ok := mesParseTime(v)
			if !ok {
				writeError(w, http.StatusBadRequest, "The value '%s' is not valid for dateTime.", v)
				return
			}
			last = t
		}
		id, sn, user := assetWho(r)
		assetDone(w, e.assets.record(id, sn, assetEvent{
			calibration: calibration, last: last, comment: query(r, "comment"), now: e.now(), user: user,
		}))
	}
}

// assetExternalEvent serves POST /api/Asset/Calibration/External and
// /Maintenance/External (WATS 25.3).
func (e *Emulator) assetExternalEvent(calibration bool) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		from, ok1 := mesParseTime(query(r, "fromDate"))
		to, ok2 := mesParseTime(query(r, "toDate"))
		if !ok1 || !ok2 {
			writeError(w, http.StatusBadRequest, "fromDate and toDate are required ISO 8601 date-times.")
			return
		}
		id, sn, user := assetWho(r)
		assetDone(w, e.assets.record(id, sn, assetEvent{
			calibration: calibration, last: from, next: &to, comment: query(r, "comment"), now: e.now(), user: user,
		}))
	}
}

// assetSetCounter serves PUT /api/Asset/SetRunningCount and /SetTotalCount (WATS 25.3).
func (e *Emulator) assetSetCounter(total bool) HandlerFunc {
	param := "runningCount"
	if total {
		param = "totalCount"
	}
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		n, ok := queryInt(w, r, param, -1)
		if !ok {
			return
		}
		if n < 0 {
			writeError(w, http.StatusBadRequest, "%s is required and must not be negative.", param)
			return
		}
		id, sn, user := assetWho(r)
		assetDone(w, e.assets.setCounter(id, sn, total, n, e.now(), user))
	}
}

// assetLog serves GET /api/Asset/Log.
func (e *Emulator) assetLog(w http.ResponseWriter, r *http.Request, _ Params) {
	assetODataAnswer(w, r, e.assets.logRows())
}

// assetMessage serves POST /api/Asset/Message.
func (e *Emulator) assetMessage(w http.ResponseWriter, r *http.Request, _ Params) {
	var in assetMessageIn
	if !readJSON(w, r, &in) {
		return
	}
	id, sn, user := assetWho(r)
	assetDone(w, e.assets.message(id, sn, in.Content, e.now(), user))
}

// assetTypes serves GET /api/Asset/Types.
func (e *Emulator) assetTypes(w http.ResponseWriter, r *http.Request, _ Params) {
	assetODataAnswer(w, r, e.assets.listTypes())
}

// assetSaveType serves PUT /api/Asset/Types.
func (e *Emulator) assetSaveType(w http.ResponseWriter, r *http.Request, _ Params) {
	var in assetTypeIn
	if !readJSON(w, r, &in) {
		return
	}
	t, err := e.assets.saveType(in, false)
	if err != nil {
		mesWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// assetSubAssets serves GET /api/Asset/SubAssets.
func (e *Emulator) assetSubAssets(w http.ResponseWriter, r *http.Request, _ Params) {
	level, ok := queryInt(w, r, "level", 0)
	if !ok {
		return
	}
	id, sn, _ := assetWho(r)
	out, err := e.assets.subAssets(id, sn, level)
	if err != nil {
		mesWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// WithAssetTypes seeds asset types given in their wire form (e.g.
// asset.Type), as if PUT /api/Asset/Types had been called for each. Give
// TypeID to refer to the type from WithAssets. A refused seed is reported
// by SeedErr.
func WithAssetTypes(types ...any) Option {
	return func(e *Emulator) {
		for i, t := range types {
			var in assetTypeIn
			err := mesRemarshal(t, &in)
			if err == nil {
				_, err = e.assets.saveType(in, true)
			}
			if err != nil {
				e.recordSeedError(fmt.Errorf("WithAssetTypes: type %d: %w", i, err))
			}
		}
	}
}

// WithAssets seeds assets given in their wire form (e.g. asset.Asset), as
// if PUT /api/Asset had been called for each; an AssetID and a
// FirstSeenDate given are kept, otherwise FirstSeenDate is the emulator
// clock at seeding time (so give WithClock first). A refused seed is
// reported by SeedErr.
func WithAssets(assets ...any) Option {
	return func(e *Emulator) {
		for i, a := range assets {
			var in assetIn
			err := mesRemarshal(a, &in)
			if err == nil {
				_, err = e.assets.save(in, e.now(), "", true)
			}
			if err != nil {
				e.recordSeedError(fmt.Errorf("WithAssets: asset %d: %w", i, err))
			}
		}
	}
}
