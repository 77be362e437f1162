package system

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/wiretime"
)

// ClientType is the kind of a registered client (member "type").
type ClientType int

// Client types the server names.
const (
	// TypeLocalServer is a local WATS server.
	TypeLocalServer ClientType = 1
	// TypeMasterServer is the master server.
	TypeMasterServer ClientType = 2
	// TypeClient is a test station client.
	TypeClient ClientType = 5
	// TypeWebClient is a web client.
	TypeWebClient ClientType = 6
)

// String returns the server's name for t, or the number for other values.
func (t ClientType) String() string {
	switch t {
	case TypeLocalServer:
		return "LocalServer"
	case TypeMasterServer:
		return "MasterServer"
	case TypeClient:
		return "Client"
	case TypeWebClient:
		return "WebClient"
	}
	return "ClientType(" + strconv.Itoa(int(t)) + ")"
}

// Client is one registered WATS client. The list and lookup answers carry
// more than these members (status, version, last report, pending count,
// ...); they are kept in Extra. UpdateClient sends only the members
// modelled here.
type Client struct {
	// ClientID identifies the client; required by UpdateClient (clientId).
	ClientID int `json:"clientId"`
	// Name is the registered name; the server does not change it (name).
	Name string `json:"name"`
	// DisplayName is the name shown in WATS (displayName).
	DisplayName string `json:"displayName"`
	// Location is where the client is (location).
	Location string `json:"location"`
	// Purpose is what the client is used for (purpose).
	Purpose string `json:"purpose"`
	// Type is the kind of client; the server does not change it (type).
	Type ClientType `json:"type"`
	// ClientGroupID is the level the client is placed in (clientGroupId).
	ClientGroupID int `json:"clientGroupId"`
	// Extra holds members not modelled above; never sent.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (c *Client) UnmarshalJSON(b []byte) error {
	type plain Client
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	if err != nil {
		return err
	}
	*c = Client(p)
	c.Extra = extra
	return nil
}

// ClientLog is the most recent log a client sent.
type ClientLog struct {
	// ClientLogID identifies the log (clientLogId).
	ClientLogID int `json:"clientLogId"`
	// ClientID is the client that sent it (clientId).
	ClientID int `json:"clientId"`
	// LogDate is when it was logged (logDate); zero when absent.
	LogDate time.Time `json:"-"`
	// UserName is the user logged on at the client (userName).
	UserName string `json:"userName"`
	// Text is the log text (text); a bare JSON string answer fills it too.
	Text string `json:"text"`
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON accepts the log object or a bare JSON string.
func (l *ClientLog) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*l = ClientLog{Text: s}
		return nil
	}
	type plain ClientLog
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	if err != nil {
		return err
	}
	*l = ClientLog(p)
	if raw, ok := extra["logDate"]; ok {
		var txt string
		if json.Unmarshal(raw, &txt) == nil {
			if t, err := wiretime.Parse(txt); err == nil {
				l.LogDate = t.Time
			}
		}
		delete(extra, "logDate")
	}
	if len(extra) > 0 {
		l.Extra = extra
	}
	return nil
}

// decodeKeepingExtra decodes data into dst (a pointer to a struct without
// its own UnmarshalJSON) and returns the members dst's fields do not name.
func decodeKeepingExtra(data []byte, dst any) (map[string]json.RawMessage, error) {
	if err := json.Unmarshal(data, dst); err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	t := reflect.TypeOf(dst).Elem()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			delete(all, name)
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	return all, nil
}
