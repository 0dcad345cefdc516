package models

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// BoardConfig is the board-wide settings row.
type BoardConfig struct {
	bun.BaseModel `bun:"table:board_config"`

	ID                   int16 `bun:",pk"`
	Title                string
	Description          string
	HeaderLinks          []HeaderLink `bun:",type:jsonb"`
	DefaultTimezone      string
	PostsPerPage         int
	TopicsPerPage        int
	FloodIntervalSeconds int
}

// HeaderLink is one of the configurable links in the page header.
type HeaderLink struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// BoardConfig reads the settings row.
func (s *Store) BoardConfig(ctx context.Context) (*BoardConfig, error) {
	cfg := new(BoardConfig)
	if err := s.db.NewSelect().Model(cfg).Where("id = 1").Scan(ctx); err != nil {
		return nil, fmt.Errorf("board config: %w", err)
	}
	return cfg, nil
}

// UpdateBoardConfig writes the settings row.
func (s *Store) UpdateBoardConfig(ctx context.Context, cfg *BoardConfig) error {
	cfg.ID = 1
	return s.writeBoard(ctx, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model(cfg).WherePK().Exec(ctx)
		return err
	})
}
