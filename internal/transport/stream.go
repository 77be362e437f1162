package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// Streamed bodies bypass resty: resty v2 copies any io.Reader body into
// memory to offer GetBody for redirects, which would hold a 256 MiB upload
// in memory (twice). Such attempts go straight through the same
// *http.Client, so TLS, proxy and redirect policy are shared.

// streams reports whether the call moves a body of unbounded size: an upload
// from a reader, a multipart upload, or a download into a writer that is not
// memory. Those attempts are bounded by progress, not by a total time.
func streams(req *Request) bool {
	if req.Body != nil || req.Multipart != nil {
		return true
	}
	if req.Output != nil {
		return !inMemory(req.Output)
	}
	return false
}

// errIdle is the cause of an attempt cancelled for lack of progress.
var errIdle = errors.New("no progress")

// idleContext is ctx cancelled when touch has not been called for d: a
// 2 GiB download on a slow line may take an hour, but not a minute of
// silence.
func idleContext(ctx context.Context, d time.Duration) (actx context.Context, stop context.CancelFunc, touch func()) {
	actx, cancel := context.WithCancelCause(ctx)
	t := time.AfterFunc(d, func() { cancel(errIdle) })
	return actx, func() { t.Stop(); cancel(nil) }, func() { t.Reset(d) }
}

// progressReader calls touch on every read that moved data.
type progressReader struct {
	r     io.Reader
	touch func()
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 && p.touch != nil {
		p.touch()
	}
	return n, err
}

// progressWriter calls touch on every write that moved data.
type progressWriter struct {
	w     io.Writer
	touch func()
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	if n > 0 && p.touch != nil {
		p.touch()
	}
	return n, err
}

// contextBody makes a request body end when ctx ends even while the
// caller's reader is stuck in Read: the request reads from a pipe that a
// goroutine fills, and the pipe is closed with ctx's error at cancellation.
// The goroutine ends with the stuck Read's return. own, when not nil, is a
// pipe of the SDK's own behind src (the multipart writer); it is closed when
// the copy ends so the goroutine writing into it ends too.
func contextBody(ctx context.Context, src io.Reader, own *io.PipeReader) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, src)
		pw.CloseWithError(err)
		if own != nil {
			own.CloseWithError(io.ErrClosedPipe)
		}
	}()
	stop := context.AfterFunc(ctx, func() { pr.CloseWithError(context.Cause(ctx)) })
	return &pipeBody{PipeReader: pr, stop: stop}
}

type pipeBody struct {
	*io.PipeReader
	stop func() bool
}

func (p *pipeBody) Close() error {
	p.stop()
	return p.PipeReader.Close()
}

// sizeOf returns the length of what is left in r when r can tell without
// reading (a file, a bytes.Reader), else -1; the server then gets a
// Content-Length instead of a chunked body.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case io.Seeker:
		cur, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		end, err := v.Seek(0, io.SeekEnd)
		if err != nil {
			return -1
		}
		if _, err := v.Seek(cur, io.SeekStart); err != nil {
			return -1
		}
		return end - cur
	}
	return -1
}

// sendStream performs one attempt with a streamed body through net/http.
func (c *Client) sendStream(actx context.Context, method, u string, h http.Header, body io.Reader, touch func()) (*http.Response, error) {
	var rc io.ReadCloser
	size := int64(-1)
	if body != nil {
		size = sizeOf(body)
		own, _ := body.(*io.PipeReader)
		rc = contextBody(actx, &progressReader{r: body, touch: touch}, own)
	}
	hr, err := http.NewRequestWithContext(actx, method, u, rc)
	if err != nil {
		return nil, err
	}
	if body != nil && size >= 0 {
		hr.ContentLength = size
		if size == 0 {
			hr.Body = http.NoBody
		}
	}
	hr.Header = h
	return c.cfg.HTTPClient.Do(hr)
}
