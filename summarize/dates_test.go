package summarize

import (
	"strings"
	"testing"
	"time"
)

// datePub is Wednesday 26 November 2025.
var datePub = time.Date(2025, 11, 26, 10, 0, 0, 0, time.UTC)

var dateCases = []struct {
	text     string
	pub      time.Time
	mention  string
	date     string // "" = must be unresolved
	whatPart string
}{
	{"Troops exchanged fire along the border on Monday.", datePub, "Monday", "2025-11-24", "exchanged fire"},
	{"The minister resigned on Wednesday.", datePub, "Wednesday", "2025-11-26", "resigned"},
	{"Talks resumed in Doha on Thursday.", datePub, "Thursday", "2025-11-20", "resumed"},
	{"Voters go to the polls on Sunday, the commission said.", datePub, "Sunday", "2025-11-23", ""},
	{"Police arrested 12 people on Saturday night.", datePub, "Saturday", "2025-11-22", "arrested"},
	{"The rebels seized the town on Friday.", datePub, "Friday", "2025-11-21", "seized the town"},
	{"Parliament approved the budget on Tuesday.", datePub, "Tuesday", "2025-11-25", ""},
	{"The two sides signed a ceasefire agreement in Doha in October.", datePub, "October", "2025-10", "signed a ceasefire agreement"},
	{"The election was held in December.", datePub, "December", "2024-12", ""},
	{"Protests began in November.", datePub, "November", "2025-11", "Protests"},
	{"The deal was first agreed in May.", datePub, "May", "2025-05", ""},
	{"The army took control of the city in January 2024.", datePub, "January 2024", "2024-01", ""},
	{"The treaty was signed on March 3.", datePub, "March 3", "2025-03-03", "signed"},
	{"The treaty was signed on 3 March 2025.", datePub, "3 March 2025", "2025-03-03", ""},
	{"The attack happened on March 3, 2024, officials said.", datePub, "March 3, 2024", "2024-03-03", "attack"},
	{"The report was published on 2025-11-06.", datePub, "2025-11-06", "2025-11-06", ""},
	{"Clashes broke out on Dec. 5 near the airport.", datePub, "Dec. 5", "2024-12-05", ""},
	{"The court ruled on Nov. 6 that the ban was unlawful.", datePub, "Nov. 6", "2025-11-06", ""},
	{"The envoy arrived on August 12th.", datePub, "August 12th", "2025-08-12", ""},
	{"Three soldiers were killed yesterday in an ambush.", datePub, "yesterday", "2025-11-25", ""},
	{"The minister is due to visit Kabul today.", datePub, "today", "2025-11-26", ""},
	{"Last week's clashes left 30 dead.", datePub, "Last week", "2025-11-19", "clashes"},
	{"The talks collapsed last month.", datePub, "last month", "2025-10", "talks collapsed"},
	{"A second round is planned for next month.", datePub, "next month", "2025-12", ""},
	{"Sunday's election was marred by violence.", datePub, "Sunday", "2025-11-23", "election"},
	{"The deal was announced on 6 November.", datePub, "6 November", "2025-11-06", ""},
	{"The summit will open on 1 December.", datePub, "1 December", "2024-12-01", ""},
	{"Fighting intensified in mid-October, residents said.", datePub, "mid-October", "2025-10", "Fighting intensified"},
	{"The envoy said talks would resume earlier this month.", datePub, "this month", "2025-11", ""},
	{"Police dispersed the crowd on Monday night.", datePub, "Monday", "2025-11-24", "dispersed the crowd"},
	{"The vote took place on Thursday.", time.Time{}, "Thursday", "", ""},
	{"The ceasefire began in October.", time.Time{}, "October", "", ""},
	{"The accord was signed on 3 March 2025.", time.Time{}, "3 March 2025", "2025-03-03", ""},
	{"The deal was signed in October 2023 in Riyadh.", time.Time{}, "October 2023", "2023-10", ""},
	{"Former British prime minister Theresa May said the talks must continue.", datePub, "May", "-", ""},
	{"Officials may meet again, a diplomat said.", datePub, "may", "-", ""},
}

func TestDateTable(t *testing.T) {
	ok := 0
	for _, c := range dateCases {
		a := Analyze(Input{Text: c.text, Published: c.pub})
		var got *Date
		for i := range a.Dates {
			if a.Dates[i].Text == c.mention {
				got = &a.Dates[i]
			}
		}
		if c.date == "-" {
			if got != nil {
				t.Errorf("%q: %q is not a date, got %+v", c.text, c.mention, *got)
			} else {
				ok++
			}
			continue
		}
		if got == nil {
			t.Errorf("%q: date %q not found in %+v", c.text, c.mention, a.Dates)
			continue
		}
		if got.Date != c.date {
			t.Errorf("%q: %q resolved to %q, want %q", c.text, c.mention, got.Date, c.date)
			continue
		}
		if c.whatPart != "" && !strings.Contains(got.What, c.whatPart) {
			t.Errorf("%q: what %q, want it to contain %q", c.text, got.What, c.whatPart)
			continue
		}
		ok++
	}
	t.Logf("date table: %d/%d cases", ok, len(dateCases))
}
