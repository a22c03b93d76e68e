package summarize

// findQuotes returns the quotations of text with their speakers.
// Start/End delimit the inner text without the marks.
func findQuotes(text string, sents []sentence, ments []mention) []Quote {
	return nil
}
