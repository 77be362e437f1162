package software_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Publish a package, walk it through review to Released, and install it.
func Example() {
	srv := watstest.NewServer()
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()

	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("sequences/main.seq")
	_, _ = w.Write([]byte("test sequence v1"))
	_ = zw.Close()

	pkg, err := client.Software.Create(ctx, &software.Package{Name: "ICT-Sequence", Description: "ICT line 3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = client.Software.UploadZip(ctx, pkg.PackageID, &zipped, software.UploadZipOptions{})
	_, _ = client.Software.Submit(ctx, pkg.PackageID)
	pkg, _ = client.Software.Release(ctx, pkg.PackageID)
	fmt.Println(pkg.Name, "version", pkg.Version, pkg.Status)

	dir, _ := os.MkdirTemp("", "wats-install-")
	defer os.RemoveAll(dir)
	res, err := client.Software.Download(ctx, pkg.PackageID, dir, software.DownloadOptions{
		Progress: func(p software.Progress) {
			if p.Done == p.Total {
				fmt.Printf("%s: %d/%d bytes\n", p.File, p.Done, p.Total)
			}
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Files {
		fmt.Println("installed", f.Path)
	}
	// Output:
	// ICT-Sequence version 1 Released
	// sequences/main.seq: 16/16 bytes
	// installed sequences/main.seq
}

// Illegal transitions are refused by the server and surface as *wats.APIError.
func ExampleService_SetStatus() {
	srv := watstest.NewServer()
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()
	pkg, _ := client.Software.Create(ctx, &software.Package{Name: "FW"})
	_, err := client.Software.Release(ctx, pkg.PackageID)
	var apiErr *wats.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output: 400 Cannot change package status from Draft to Released.
}
