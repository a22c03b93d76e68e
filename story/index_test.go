package story

import (
	"errors"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

func TestNearDuplicateJoinsAndUnrelatedStartsNew(t *testing.T) {
	body := "Sudan's army and the Rapid Support Forces agreed on Thursday to a 72-hour humanitarian truce after talks in Jeddah mediated by Saudi Arabia and the United States. The truce is meant to let aid convoys reach El Fasher."
	ix := NewIndex(Options{})
	a := ix.Add(1, Sign(Doc{Title: "Sudan truce agreed", Text: body, Published: t0}))
	if !a.New {
		t.Fatalf("first article must start a story: %+v", a)
	}
	b := ix.Add(2, Sign(Doc{Title: "Sudan truce agreed in Jeddah", Text: body + " Aid agencies welcomed it.", Published: t0.Add(time.Hour)}))
	if b.New || b.Story != a.Story || b.With != 1 {
		t.Fatalf("near-duplicate must join story %d: %+v", a.Story, b)
	}
	c := ix.Add(3, Sign(Doc{Title: "Kenya central bank holds rates", Text: "The Central Bank of Kenya kept its benchmark rate at 10 percent, Governor Kamau Thugge said, citing stable inflation and a firm shilling.", Published: t0.Add(2 * time.Hour)}))
	if !c.New || c.Story == a.Story {
		t.Fatalf("unrelated article must start its own story: %+v", c)
	}
	if again := ix.Add(2, Signature{}); again.Story != a.Story {
		t.Fatalf("re-adding an indexed article must keep its story: %+v", again)
	}
}

func TestWindowKeepsOldStoriesApart(t *testing.T) {
	body := "A magnitude 6.8 earthquake struck Malatya province in eastern Turkey before dawn, killing dozens, the disaster agency AFAD said. Rescuers searched collapsed buildings in Malatya and Elazig."
	ix := NewIndex(Options{Window: 72 * time.Hour})
	a := ix.Add(1, Sign(Doc{Title: "Quake in Malatya", Text: body, Published: t0}))
	b := ix.Add(2, Sign(Doc{Title: "Quake in Malatya", Text: body, Published: t0.Add(100 * time.Hour)}))
	if b.Story == a.Story {
		t.Fatal("articles 100h apart must not join with a 72h window")
	}
}

func TestRestoreContinuesStoryNumbering(t *testing.T) {
	body := "Police in Bangladesh detained at least 40 garment workers in Dhaka's Ashulia industrial zone as thousands protested over unpaid wages, the Dhaka Metropolitan Police said."
	sig := Sign(Doc{Title: "Ashulia arrests", Text: body, Published: t0})
	ix := NewIndex(Options{})
	ix.Restore(10, 7, sig)
	m := ix.Add(11, Sign(Doc{Title: "Ashulia arrests", Text: body, Published: t0.Add(time.Hour)}))
	if m.Story != 7 {
		t.Fatalf("must join restored story 7, got %+v", m)
	}
	n := ix.Add(12, Sign(Doc{Title: "Unrelated", Text: "The Reserve Bank of India kept its repo rate unchanged at 6.5 percent as inflation stayed above target, the governor said on Wednesday in Mumbai.", Published: t0}))
	if n.Story <= 7 {
		t.Fatalf("new story ids must continue after restored ones, got %d", n.Story)
	}
}

func TestSignatureRoundTrip(t *testing.T) {
	s := Sign(Doc{Title: "Kharkiv strike", Text: "A Russian missile strike on Kharkiv killed nine people and wounded 30 overnight, regional governor Oleh Syniehubov said.", Published: t0, Events: []string{"ASSAULT", "FIGHT"}, Entities: []string{"Kharkiv", "Oleh Syniehubov"}})
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Signature
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if got.MinHash != s.MinHash || got.Events != s.Events || !got.Published.Equal(s.Published) ||
		len(got.Names) != len(s.Names) || len(got.Lead) != len(s.Lead) || len(got.Title) != len(s.Title) || got.Shingles != s.Shingles {
		t.Fatalf("round trip mismatch:\n%+v\n%+v", s, got)
	}
	for _, bad := range [][]byte{nil, {2}, b[:10], b[:len(b)-3]} {
		var x Signature
		if err := x.UnmarshalBinary(bad); err == nil {
			t.Errorf("corrupt signature %x decoded without error", bad)
		}
	}
}

// FuzzSignature: decoding stored bytes never panics, and whatever decodes
// re-encodes to bytes that decode to the same signature.
func FuzzSignature(f *testing.F) {
	s := Sign(Doc{Title: "Kharkiv strike", Text: "A Russian missile strike on Kharkiv killed nine people.", Published: t0, Events: []string{"ASSAULT"}})
	b, _ := s.MarshalBinary()
	f.Add(b)
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Signature
		if s.UnmarshalBinary(data) != nil {
			return
		}
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var s2 Signature
		if err := s2.UnmarshalBinary(again); err != nil || s2.MinHash != s.MinHash || len(s2.Names) != len(s.Names) {
			t.Fatalf("re-encode mismatch: %v", err)
		}
	})
}

// A story does not chain from day to day: each article is within the
// window of the one before, but the third would stretch the story past
// its span, so it starts a new one (and the next day's follow-up joins
// that new story, not the old one).
func TestSpanStopsDayToDayChaining(t *testing.T) {
	body := "Sudan's army and the Rapid Support Forces agreed to extend the humanitarian truce mediated by Saudi Arabia and the United States in Jeddah, letting aid convoys reach El Fasher and Kadugli."
	doc := func(h int) Signature {
		return Sign(Doc{Title: "Sudan truce extended in Jeddah", Text: body, Published: t0.Add(time.Duration(h) * time.Hour)})
	}
	ix := NewIndex(Options{Window: 72 * time.Hour})
	a := ix.Add(1, doc(0))
	b := ix.Add(2, doc(48))
	if b.Story != a.Story {
		t.Fatalf("48h later, within the span: must join %d, got %+v", a.Story, b)
	}
	c := ix.Add(3, doc(96)) // 48h after b, 96h after a
	if c.Story == a.Story || !c.New {
		t.Fatalf("the story would span 96h > 72h: must start a new one, got %+v", c)
	}
	d := ix.Add(4, doc(120))
	if d.Story != c.Story {
		t.Fatalf("the follow-up must join the new story %d, got %+v", c.Story, d)
	}
}

// The span survives a restart (Restore) and provisional ids (Relabel).
func TestSpanAcrossRestoreAndRelabel(t *testing.T) {
	body := "A magnitude 6.8 earthquake struck Malatya province in eastern Turkey before dawn, killing dozens, the disaster agency AFAD said. Rescuers searched collapsed buildings in Malatya and Elazig."
	doc := func(h int) Signature {
		return Sign(Doc{Title: "Quake in Malatya", Text: body, Published: t0.Add(time.Duration(h) * time.Hour)})
	}
	ix := NewIndex(Options{Window: 72 * time.Hour})
	ix.Restore(1, 5, doc(0))
	ix.Restore(2, 5, doc(40))
	if m := ix.Add(3, doc(80)); m.Story == 5 {
		t.Fatalf("restored story spans 0-40h: an article at 80h must not join it, got %+v", m)
	}
	prov := int64(-1)
	m, err := ix.AddWith(10, doc(200), func() (int64, error) { p := prov; prov--; return p, nil })
	if err != nil || m.Story != -1 {
		t.Fatalf("provisional story: %+v %v", m, err)
	}
	ix.Relabel(10, 42)
	if m := ix.Add(11, doc(250)); m.Story != 42 {
		t.Fatalf("50h after the relabelled story's only article: must join 42, got %+v", m)
	}
	if m := ix.Add(12, doc(280)); m.Story == 42 {
		t.Fatalf("story 42 would span 80h: must not join, got %+v", m)
	}
}

// An alloc error leaves the index as it was: the article can be added again.
func TestAddWithAllocErrorIndexesNothing(t *testing.T) {
	ix := NewIndex(Options{})
	sig := Sign(Doc{Title: "Kenya central bank holds rates", Text: "The Central Bank of Kenya kept its benchmark rate at 10 percent, Governor Kamau Thugge said.", Published: t0})
	boom := errors.New("store: no story id")
	if _, err := ix.AddWith(1, sig, func() (int64, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Fatalf("got err %v, want %v", err, boom)
	}
	if ix.Has(1) || ix.Len() != 0 {
		t.Fatalf("a failed add must index nothing: has=%v len=%d", ix.Has(1), ix.Len())
	}
	if m, err := ix.AddWith(1, sig, func() (int64, error) { return 9, nil }); err != nil || !m.New || m.Story != 9 {
		t.Fatalf("retry: %+v %v", m, err)
	}
}
