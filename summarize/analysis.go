// Package summarize reads cleaned article text and returns what happened and
// who said what: key facts, quotes with speakers, entities, events, dates and
// an extractive summary. It is pure: no IO, deterministic, offline.
//
// The JSON shape of Analysis is the public contract in
// ../shared/docs/extract-schema.md (schema 1): add fields, never rename.
package summarize

import "time"

// Schema is the version of the JSON contract.
const Schema = 1

// Input is one article: the cleaned title and plain text (paragraphs
// separated by a blank line) and its published time for resolving dates.
type Input struct {
	Title     string
	Text      string
	Published time.Time
}

// Analysis is the result of Analyze; it marshals to the extract schema.
type Analysis struct {
	Schema   int      `json:"schema"`
	Title    string   `json:"title"`
	Text     string   `json:"text"`
	Summary  []string `json:"summary"`
	Facts    []Fact   `json:"facts"`
	Quotes   []Quote  `json:"quotes"`
	Entities []Entity `json:"entities"`
	Events   []Event  `json:"events"`
	Dates    []Date   `json:"dates"`
}

// Span is a byte range of Analysis.Text, end exclusive; Text == text[Start:End].
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Fact is one sidebar fact: a kind from the rule pack, an optional state,
// a value and the evidence it was read from.
type Fact struct {
	Kind       string  `json:"kind"`
	State      string  `json:"state,omitempty"`
	Value      string  `json:"value"`
	Evidence   Span    `json:"evidence"`
	Confidence float64 `json:"confidence"`
}

// Badge is the fact's short list label: "kind:state", or "kind" without a state.
func (f Fact) Badge() string {
	if f.State == "" {
		return f.Kind
	}
	return f.Kind + ":" + f.State
}

// Quote is a direct or partial quotation; Start/End delimit its inner text.
type Quote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Role    string `json:"role,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Partial bool   `json:"partial"`
}

// Entity is a person, organization or place with its mention count.
type Entity struct {
	Text  string `json:"text"`
	Type  string `json:"type"` // person | organization | place
	Count int    `json:"count"`
}

// Event is one PLOVER-typed event read from a sentence.
type Event struct {
	Type     string `json:"type"`
	Mode     string `json:"mode,omitempty"`
	Sentence int    `json:"sentence"`
	Source   string `json:"source,omitempty"`
	Target   string `json:"target,omitempty"`
	Negated  bool   `json:"negated"`
	Text     string `json:"text"`
}

// Date is a date mention, resolved against the published time when possible.
type Date struct {
	Text string `json:"text"`
	Date string `json:"date,omitempty"` // YYYY-MM-DD or YYYY-MM
	What string `json:"what,omitempty"`
}

// Badges returns the fact badges of an analysis, in fact order, without duplicates.
func (a Analysis) Badges() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range a.Facts {
		b := f.Badge()
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	return out
}
