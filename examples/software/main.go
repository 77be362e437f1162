// Command software publishes a software package to an in-memory WATS
// emulator, walks it through review to Released, and installs it into a
// temporary directory with a progress bar and checksum verification. Run it
// twice in a row against the same directory (see -dir) to watch the resume
// skip files that are already in place.
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func main() {
	dir := flag.String("dir", "", "install directory (default: a new temporary directory)")
	flag.Parse()
	if err := run(*dir); err != nil {
		log.Fatal(err)
	}
}

func run(dir string) error {
	srv := watstest.NewServer()
	defer srv.Close()
	client, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		return err
	}
	ctx := context.Background()

	pkg, err := client.Software.Create(ctx, &software.Package{
		Name: "ICT-Line3", Description: "ICT test programs for line 3", RootDirectory: `C:\TestPrograms\ICT`,
		Tags: []software.Setting{{Key: "Line", Value: "3"}},
	})
	if err != nil {
		return err
	}
	if err := client.Software.UploadZip(ctx, pkg.PackageID, bytes.NewReader(sampleZip()), software.UploadZipOptions{}); err != nil {
		return err
	}
	if _, err := client.Software.Submit(ctx, pkg.PackageID); err != nil {
		return err
	}
	if pkg, err = client.Software.Release(ctx, pkg.PackageID); err != nil {
		return err
	}
	fmt.Printf("published %s version %d (%s)\n", pkg.Name, pkg.Version, pkg.Status)

	if dir == "" {
		if dir, err = os.MkdirTemp("", "wats-install-"); err != nil {
			return err
		}
	}
	res, err := client.Software.Download(ctx, pkg.PackageID, dir, software.DownloadOptions{Progress: bar})
	fmt.Println()
	if err != nil {
		return err
	}
	for _, f := range res.Files {
		state := "downloaded and verified"
		if f.Skipped {
			state = "already in place"
		}
		fmt.Printf("  %-28s %8d bytes  %s\n", f.Path, f.Size, state)
	}
	fmt.Printf("installed into %s (%d bytes fetched)\n", dir, res.Transferred)
	return nil
}

// bar redraws a one-line progress bar.
func bar(p software.Progress) {
	const width = 40
	filled := 0
	if p.Total > 0 {
		filled = int(int64(width) * p.Done / p.Total)
	}
	fmt.Printf("\r[%s%s] %3d%% %-28s", strings.Repeat("#", filled), strings.Repeat(".", width-filled), percent(p.Done, p.Total), p.File)
}

func percent(done, total int64) int64 {
	if total == 0 {
		return 100
	}
	return 100 * done / total
}

// sampleZip builds the package content; every file sits in a folder, as
// the server requires.
func sampleZip() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := []struct{ name, content string }{
		{"programs/board-a.seq", strings.Repeat("step;", 20000)},
		{"programs/board-b.seq", strings.Repeat("step;", 12000)},
		{"config/station.ini", "[station]\nline=3\n"},
		{"docs/README.txt", "ICT programs for line 3\n"},
	}
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write([]byte(f.content)); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}
