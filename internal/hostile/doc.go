// Package hostile holds sitrep's cross-package hostile-input tests (issue 9):
// hostile feeds served by httptest go through the real pipeline (feed engine,
// cleaner, store, analysis, the reader's view) and every string that reaches
// the terminal or the extract JSON is checked for controls, escapes and bidi
// overrides. The package has no code of its own; see docs/reliability.md.
//
// The large inputs (a 50 MB title, a million nested elements, 100,000 items)
// run only with SITREP_HOSTILE_BIG=1.
package hostile
