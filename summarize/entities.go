package summarize

// mention is one occurrence of an entity in the text.
type mention struct {
	Start, End int    // byte offsets of the mention in text
	Name       string // canonical entity name
	Type       string // "person" | "organization" | "place"
	Role       string // for people: "Pakistani Defence Minister", "" if none
	Actor      string // the political actor this mention stands for
	Demonym    bool   // true for adjectives like "Pakistani", "Afghan"
}

// findEntities returns the mentions in text order and the aggregated entity
// list sorted by count (desc) then first mention.
func findEntities(text string, sents []sentence) ([]mention, []Entity) {
	return nil, nil
}
