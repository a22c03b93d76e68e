package story

// stop holds English function words and reporting verbs that say nothing
// about which story an article tells.
var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
		"as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its",
		"this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "we",
		"our", "you", "your", "i", "not", "no", "will", "would", "could", "should", "may", "might",
		"can", "said", "says", "say", "told", "also", "after", "before", "over", "into", "than",
		"more", "most", "about", "which", "who", "whom", "what", "when", "where", "while", "there",
		"here", "out", "up", "down", "off", "all", "any", "some", "such", "other", "new", "one",
		"two", "first", "last", "if", "so", "do", "did", "does", "just", "only", "very", "per",
		"according", "added", "statement", "reporters", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday", "week", "year", "years", "month", "day",
	} {
		m[w] = true
	}
	return m
}()

// common holds capitalised words that start sentences or name days and
// months: they say nothing about who or where.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"however", "meanwhile", "officials", "police", "president", "minister", "government",
		"january", "february", "march", "april", "june", "july", "august", "september",
		"october", "november", "december", "mr", "mrs", "ms", "dr", "news", "read", "more",
		"residents", "rescuers", "diplomats", "analysts", "protesters", "trade", "thousands",
		"hundreds", "dozens", "nine", "every", "forty", "both", "friday's", "monday's",
	} {
		m[w] = true
	}
	return m
}()
