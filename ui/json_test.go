package ui

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/sitrep-news/sitrep/summarize"
)

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func fmtType(v any) string { return fmt.Sprintf("%T", v) }

type (
	summarizeInput    = summarize.Input
	summarizeAnalysis = summarize.Analysis
)

func timeParse(s string) (time.Duration, error) { return time.ParseDuration(s) }
