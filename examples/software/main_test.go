package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRunInstallsAndResumes(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ { // the second run finds every file in place
		if err := run(dir); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, "config", "station.ini"))
	if err != nil || string(got) != "[station]\nline=3\n" {
		t.Fatalf("station.ini = %q, %v", got, err)
	}
}
