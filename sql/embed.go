// Package sql holds every SQL file of jinzai, embedded into the binary:
// migrations/ (the store's schema, applied in version order), macros.sql
// (functions the models share), models/ (the transform's models, one per
// file) and tests/ (data tests).
package sql

import "embed"

// Files is the sql/ tree.
//
//go:embed migrations/*.sql macros.sql models/*.sql tests/*.sql tests/*.toml
var Files embed.FS
