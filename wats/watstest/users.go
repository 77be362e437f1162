package watstest

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/watsgo/sdk/internal/guid"
)

// User seeds one WATS user: what GET /api/App/CommonUserSettings answers
// for it, and the user the SCIM routes list, patch and delete.
type User struct {
	// ID is the user GUID; derived from UserName when empty.
	ID string
	// UserName is the unique login name (required; compared ignoring case).
	UserName string
	// GivenName and FamilyName are the parts of the name.
	GivenName, FamilyName string
	// FullName is the display name; GivenName and FamilyName joined when empty.
	FullName string
	// Email is the e-mail address.
	Email string
	// ExternalID is the identity provider's id of the user.
	ExternalID string
	// Roles, Levels and ProductGroups are role names and the level and
	// product-group restrictions.
	Roles, Levels, ProductGroups []string
	// CultureCode is the language and region; "en-US" when empty.
	CultureCode string
	// Inactive users are deactivated (SCIM active=false).
	Inactive bool
}

// DefaultUsers returns the users the emulator starts with: the token's
// user "watstest" (an administrator) and "operator1", restricted to the
// PCBA level.
func DefaultUsers() []User {
	return []User{
		{UserName: "watstest", GivenName: "WATS", FamilyName: "Test", Email: "watstest@example.com", Roles: []string{"Administrator"}},
		{UserName: "operator1", GivenName: "Olga", FamilyName: "Operator", Email: "operator1@example.com", Roles: []string{"Operator"}, Levels: []string{"PCBA"}},
	}
}

// WithUsers replaces the seeded users. Invalid users (no user name, a
// duplicate name or id, an id that is not a GUID) are refused: the error
// is reported by SeedErr and the default users stay.
func WithUsers(us ...User) Option {
	return func(e *Emulator) { e.recordSeedError(e.app.users.replace(us, e.now())) }
}

// knownRoles are the role names the emulator accepts in patches and creates.
var knownRoles = []string{"Administrator", "Operator", "Developer", "Viewer"}

// storedUser is a User with its SCIM bookkeeping.
type storedUser struct {
	User
	created, modified time.Time
}

// userStore keeps the users, by lower-case GUID.
type userStore struct {
	mu    sync.RWMutex
	byID  map[string]*storedUser
	order []string // ids in creation order
}

// seedEpoch is when seeded users count as created.
var seedEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func newUserStore() *userStore {
	return &userStore{byID: map[string]*storedUser{}}
}

// normalise fills the defaults of u and checks it.
func normaliseUser(u User) (User, error) {
	u.UserName = strings.TrimSpace(u.UserName)
	if u.UserName == "" {
		return u, errors.New("user name is required")
	}
	if u.ID == "" {
		u.ID = stableGUID("user", strings.ToLower(u.UserName))
	}
	id, ok := guid.Normalize(u.ID)
	if !ok {
		return u, fmt.Errorf("user %q: id %q is not a GUID", u.UserName, u.ID)
	}
	u.ID = id
	if u.FullName == "" {
		u.FullName = strings.TrimSpace(u.GivenName + " " + u.FamilyName)
	}
	if u.CultureCode == "" {
		u.CultureCode = "en-US"
	}
	u.Roles = append([]string{}, u.Roles...)
	u.Levels = append([]string{}, u.Levels...)
	u.ProductGroups = append([]string{}, u.ProductGroups...)
	return u, nil
}

// replace installs us as the whole user list, or nothing on error.
func (s *userStore) replace(us []User, at time.Time) error {
	byID := map[string]*storedUser{}
	names := map[string]bool{}
	var order []string
	for _, u := range us {
		n, err := normaliseUser(u)
		if err != nil {
			return fmt.Errorf("WithUsers: %w", err)
		}
		if byID[n.ID] != nil || names[strings.ToLower(n.UserName)] {
			return fmt.Errorf("WithUsers: user %q or its id %s is seeded twice", n.UserName, n.ID)
		}
		byID[n.ID] = &storedUser{User: n, created: at, modified: at}
		names[strings.ToLower(n.UserName)] = true
		order = append(order, n.ID)
	}
	s.mu.Lock()
	s.byID, s.order = byID, order
	s.mu.Unlock()
	return nil
}

// list returns the users in creation order.
func (s *userStore) list() []storedUser {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]storedUser, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, *s.byID[id])
	}
	return out
}

func (s *userStore) get(id string) (storedUser, bool) {
	g, ok := guid.Normalize(id)
	if !ok {
		return storedUser{}, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.byID[g]
	if !ok {
		return storedUser{}, false
	}
	return *u, true
}

func (s *userStore) byName(name string) (storedUser, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, id := range s.order {
		if strings.EqualFold(s.byID[id].UserName, strings.TrimSpace(name)) {
			return *s.byID[id], true
		}
	}
	return storedUser{}, false
}

// errUserExists and errUserNotFound are the store's refusals.
var (
	errUserExists   = errors.New("a user with this userName already exists")
	errUserNotFound = errors.New("user not found")
)

// create adds u with a fresh id.
func (s *userStore) create(u User, at time.Time) (storedUser, error) {
	u.ID = ""
	n, err := normaliseUser(u)
	if err != nil {
		return storedUser{}, err
	}
	if _, dup := s.byName(n.UserName); dup {
		return storedUser{}, errUserExists
	}
	n.ID = stableGUID("user", strings.ToLower(n.UserName), at.String())
	su := &storedUser{User: n, created: at, modified: at}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byID[n.ID] = su
	s.order = append(s.order, n.ID)
	return *su, nil
}

// update applies change to the user id under the lock.
func (s *userStore) update(id string, at time.Time, change func(*User) error) (storedUser, error) {
	g, _ := guid.Normalize(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.byID[g]
	if !ok {
		return storedUser{}, errUserNotFound
	}
	next := u.User
	next.Roles = append([]string{}, u.Roles...)
	next.Levels = append([]string{}, u.Levels...)
	next.ProductGroups = append([]string{}, u.ProductGroups...)
	if err := change(&next); err != nil {
		return storedUser{}, err
	}
	u.User, u.modified = next, at
	return *u, nil
}

func (s *userStore) delete(id string) error {
	g, _ := guid.Normalize(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byID[g]; !ok {
		return errUserNotFound
	}
	delete(s.byID, g)
	for i, v := range s.order {
		if v == g {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	return nil
}

// addRestrictions adds the ";"-separated names of value to list, keeping
// what is there (the server only adds restrictions).
func addRestrictions(list []string, value string) []string {
	for _, v := range strings.Split(value, ";") {
		v = strings.TrimSpace(v)
		if v != "" && !containsFold(list, v) {
			list = append(list, v)
		}
	}
	sort.Strings(list)
	return list
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
