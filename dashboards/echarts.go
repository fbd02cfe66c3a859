package dashboards

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/jinzai-hr/jinzai/internal/atomicfile"
)

// The ECharts runtime shipped with every site. It comes from the npm
// package echarts, obtained with the machine's own npm client (`npm pack`),
// and is accepted only when the tarball matches the pinned integrity hash.
const (
	// EChartsVersion is the pinned ECharts release.
	EChartsVersion = "5.6.0"
	// EChartsIntegrity is npm's Subresource Integrity string of the
	// echarts-5.6.0.tgz tarball (the "integrity" field of the package
	// metadata and of package-lock.json).
	EChartsIntegrity = "sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA=="
	// EChartsFile is the name of the cached runtime.
	EChartsFile = "echarts-" + EChartsVersion + ".min.js"
)

// echartsPin says which tarball to accept and what to take out of it.
type echartsPin struct {
	spec      string // npm package spec for `npm pack`
	integrity string // SRI of the tarball
	member    string // path of the runtime inside the tarball
	sha256    string // hex SHA-256 of that member, checked again on every use of the cache
	file      string // cache file name
}

// pinnedECharts is the release every site ships. The SHA-256 of the member
// was computed from the tarball that matched the integrity hash; it lets the
// cache be re-checked without keeping the tarball.
var pinnedECharts = echartsPin{
	spec:      "echarts@" + EChartsVersion,
	integrity: EChartsIntegrity,
	member:    "package/dist/echarts.min.js",
	sha256:    "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1",
	file:      EChartsFile,
}

// ErrIntegrity is wrapped by every error about an ECharts tarball or cached
// file whose hash differs from the pinned one.
var ErrIntegrity = errors.New("integrity mismatch")

// maxRuntimeBytes bounds the extracted runtime (the real one is about 1 MB).
const maxRuntimeBytes = 16 << 20

// DefaultCacheDir is where the ECharts runtime is cached: $JINZAI_CACHE_DIR
// when set, otherwise the jinzai folder of the user's cache directory
// (~/.cache/jinzai on Linux, %LocalAppData%\jinzai on Windows).
func DefaultCacheDir() (string, error) {
	if d := os.Getenv("JINZAI_CACHE_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("キャッシュフォルダが分かりません。JINZAI_CACHE_DIR を設定してください (no cache directory; set JINZAI_CACHE_DIR): %w", err)
	}
	return filepath.Join(d, "jinzai"), nil
}

// EnsureECharts returns the path of the cached echarts-5.6.0.min.js in
// cacheDir (DefaultCacheDir when empty). When the file is absent or does
// not match the pinned hash, it runs `npm pack echarts@5.6.0` into a
// temporary folder, checks the tarball against EChartsIntegrity, and
// extracts the runtime into the cache. It fails when npm is missing (use
// ImportECharts on a server without network), when npm fails, or when the
// tarball does not match (the tarball is then deleted; the error wraps
// ErrIntegrity).
func EnsureECharts(ctx context.Context, cacheDir string) (string, error) {
	return ensureECharts(ctx, cacheDir, pinnedECharts)
}

func ensureECharts(ctx context.Context, cacheDir string, pin echartsPin) (string, error) {
	cacheDir, err := resolveCacheDir(cacheDir)
	if err != nil {
		return "", err
	}
	cached := filepath.Join(cacheDir, pin.file)
	if err := checkCached(cached, pin); err == nil {
		return cached, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		// A damaged or altered cache is replaced, never used.
		if rerr := os.Remove(cached); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			return "", errors.Join(err, rerr)
		}
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("npm が見つからないため ECharts %s を取得できません。別の端末で `npm pack %s` を実行し、できた .tgz を取り込んでください (npm not found: run `npm pack %s` elsewhere and import the .tgz): %w",
			pin.spec, pin.spec, pin.spec, err)
	}
	tmp, err := os.MkdirTemp("", "jinzai-echarts-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, npm, "pack", pin.spec, "--pack-destination", tmp, "--silent")
	cmd.Dir = tmp
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm pack %s に失敗しました (npm pack failed): %w: %s", pin.spec, err, strings.TrimSpace(stderr.String()))
	}
	tgz, err := packedTarball(tmp, stdout.String())
	if err != nil {
		return "", err
	}
	path, err := importTarball(tgz, cacheDir, pin)
	if errors.Is(err, ErrIntegrity) {
		// Never leave a tarball that failed verification where it could be reused.
		if rerr := os.Remove(tgz); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
	}
	return path, err
}

// ImportECharts verifies a tarball made elsewhere with `npm pack
// echarts@5.6.0` against EChartsIntegrity and extracts its runtime into
// cacheDir (DefaultCacheDir when empty), for servers without network. It
// returns the cached file's path. A tarball that does not match is refused
// (the error wraps ErrIntegrity) and left where it is.
func ImportECharts(tgzPath, cacheDir string) (string, error) {
	cacheDir, err := resolveCacheDir(cacheDir)
	if err != nil {
		return "", err
	}
	return importTarball(tgzPath, cacheDir, pinnedECharts)
}

func resolveCacheDir(cacheDir string) (string, error) {
	if cacheDir != "" {
		return cacheDir, nil
	}
	return DefaultCacheDir()
}

// packedTarball finds the .tgz that npm pack wrote: the last line of its
// output names it; the folder listing is the fallback.
func packedTarball(dir, stdout string) (string, error) {
	lines := strings.Fields(stdout)
	if n := len(lines); n > 0 {
		p := filepath.Join(dir, filepath.Base(lines[n-1]))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*.tgz"))
	if len(matches) != 1 {
		return "", fmt.Errorf("npm pack が .tgz を作りませんでした (npm pack produced %d tarballs in %s)", len(matches), dir)
	}
	return matches[0], nil
}

// importTarball checks the tarball's SRI, extracts pin.member, checks its
// SHA-256 and writes it atomically to cacheDir/pin.file.
func importTarball(tgzPath string, cacheDir string, pin echartsPin) (string, error) {
	data, err := os.ReadFile(tgzPath)
	if err != nil {
		return "", fmt.Errorf("ECharts の tarball を読めません (cannot read tarball) %s: %w", tgzPath, err)
	}
	if got := sri512(data); got != pin.integrity {
		return "", fmt.Errorf("ECharts の tarball %s のハッシュが固定値と一致しません。改ざんまたは破損の可能性があるため使用しません (tarball hash does not match the pinned integrity; refusing it): want %s, got %s: %w",
			tgzPath, pin.integrity, got, ErrIntegrity)
	}
	js, err := extractMember(data, pin.member)
	if err != nil {
		return "", fmt.Errorf("ECharts の tarball %s: %w", tgzPath, err)
	}
	if got := sha256Hex(js); got != pin.sha256 {
		return "", fmt.Errorf("%s の内容が固定値と一致しません (content hash mismatch): want sha256 %s, got %s: %w", pin.member, pin.sha256, got, ErrIntegrity)
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", fmt.Errorf("キャッシュフォルダを作れません (cannot create cache dir) %s: %w", cacheDir, err)
	}
	dst := filepath.Join(cacheDir, pin.file)
	if err := writeFileAtomic(dst, js, 0o644); err != nil {
		return "", err
	}
	return dst, nil
}

// checkCached reports whether the cached runtime exists and matches the pin.
func checkCached(path string, pin echartsPin) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if got := sha256Hex(b); got != pin.sha256 {
		return fmt.Errorf("キャッシュの %s が固定値と一致しません (cached file hash mismatch): %w", path, ErrIntegrity)
	}
	return nil
}

func extractMember(tgz []byte, member string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, fmt.Errorf("gzip 形式ではありません (not gzip): %w", err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s が含まれていません (member not found)", member)
		}
		if err != nil {
			return nil, fmt.Errorf("tar 形式が壊れています (bad tar): %w", err)
		}
		if h.Name != member || h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, maxRuntimeBytes+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", member, err)
		}
		if len(b) > maxRuntimeBytes {
			return nil, fmt.Errorf("%s が大きすぎます (member larger than %d bytes)", member, maxRuntimeBytes)
		}
		return b, nil
	}
}

func sri512(b []byte) string {
	sum := sha512.Sum512(b)
	return "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// writeFileAtomic writes a file beside dst and renames it over dst, so a
// reader sees the old file or the whole new one.
func writeFileAtomic(dst string, data []byte, perm os.FileMode) error {
	if err := atomicfile.WriteFile(dst, data, perm); err != nil {
		return fmt.Errorf("write %s: %w", dst, err)
	}
	return nil
}
