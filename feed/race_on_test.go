//go:build race

package feed

// raceEnabled shrinks the largest hostile inputs under the race detector,
// which makes the parser ~10x slower; the full sizes run without -race.
const raceEnabled = true
