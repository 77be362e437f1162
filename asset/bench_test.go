package asset_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// BenchmarkAll pages through 1000 assets in pages of 100 against the emulator.
func BenchmarkAll(b *testing.B) {
	seeds := make([]any, 1000)
	for i := range seeds {
		seeds[i] = asset.Asset{SerialNumber: fmt.Sprintf("A-%04d", i), TypeID: fixtureType}
	}
	c, _ := apitest.SetupClient(b, []wats.Option{apitest.NoRateLimit()}, watstest.WithAssetTypes(asset.Type{TypeID: fixtureType, Name: "T"}), watstest.WithAssets(seeds...))
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		for _, err := range c.Asset.All(ctx, wats.Query{Top: 100}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 1000 {
			b.Fatalf("got %d assets", n)
		}
	}
}

// BenchmarkDownloadFile streams a 4 MiB raw file to io.Discard; allocations
// per op show the file is not held in memory by the SDK.
func BenchmarkDownloadFile(b *testing.B) {
	c, _ := apitest.SetupClient(b, []wats.Option{apitest.NoRateLimit()}, fixtures()...)
	ctx := context.Background()
	a, err := c.Asset.Get(ctx, asset.BySerial("FIX-1"))
	if err != nil {
		b.Fatal(err)
	}
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<18) // 4 MiB
	if err := c.Asset.Internal().UploadFile(ctx, a.AssetID, "big.bin", bytes.NewReader(data)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Asset.Internal().DownloadFile(ctx, a.AssetID, "big.bin", io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssetUnmarshal decodes a 100-asset list answer.
func BenchmarkAssetUnmarshal(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i := 0; i < 100; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"assetId":"6a1c2f4e-0000-4000-8000-%012d","serialNumber":"SN-%d","typeId":"%s","state":1,"firstSeenDate":"2026-03-01T12:00:00","lastCalibrationDate":"2026-03-01T12:00:00.123Z","nextCalibrationDate":"2026-06-01T12:00:00+01:00","runningCount":%d,"totalCount":%d,"tags":[{"key":"k","value":"v"}]}`, i, i, fixtureType, i, i*10)
	}
	buf.WriteByte(']')
	raw := buf.Bytes()
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var out []asset.Asset
		if err := json.Unmarshal(raw, &out); err != nil {
			b.Fatal(err)
		}
	}
}
