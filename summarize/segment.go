package summarize

// sentence is one sentence of the text: text[Start:End], trimmed of
// surrounding space, in paragraph Para (paragraphs are separated by blank lines).
type sentence struct {
	Start, End int
	Para       int
}

// splitSentences splits text into sentences in text order.
func splitSentences(text string) []sentence {
	return nil
}
