package summarize

import (
	"fmt"
	"strings"
	"testing"
)

// wantMention: the mention's surface text, canonical name, type, and
// (optional) role and actor.
type wantMention struct {
	surface, name, typ, role, actor string
}

func em(surface, name, typ string) wantMention {
	return wantMention{surface: surface, name: name, typ: typ}
}
func emr(surface, name, role, actor string) wantMention {
	return wantMention{surface: surface, name: name, typ: "person", role: role, actor: actor}
}

var entityCases = []struct {
	name string
	text string
	want []wantMention // must be present (in order among themselves)
	not  []string      // surfaces that must not be mentions
}{
	{"role prefix demonym", "Pakistani Defence Minister Khawaja Muhammad Asif spoke on Friday.",
		[]wantMention{emr("Khawaja Muhammad Asif", "Khawaja Muhammad Asif", "Pakistani Defence Minister", "Pakistan")}, []string{"Friday", "Pakistani"}},
	{"org role lowercase", "Taliban spokesperson Zabihullah Mujahid denied the report.",
		[]wantMention{emr("Zabihullah Mujahid", "Zabihullah Mujahid", "Taliban spokesperson", "Taliban")}, nil},
	{"title only", "President Recep Tayyip Erdoğan hosted the talks.",
		[]wantMention{emr("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan", "President", "")}, nil},
	{"possessive country", "He met Pakistan’s Prime Minister Shehbaz Sharif in Baku.",
		[]wantMention{emr("Shehbaz Sharif", "Shehbaz Sharif", "Pakistani Prime Minister", "Pakistan"), em("Baku", "Baku", "place")}, nil},
	{"surname link", "Indian Prime Minister Narendra Modi visited Moscow. Modi met Putin.",
		[]wantMention{em("Narendra Modi", "Narendra Modi", "person"), em("Moscow", "Moscow", "place"), em("Modi", "Narendra Modi", "person")}, nil},
	{"acronym gazetteer", "Militants of Tehrik-i-Taliban Pakistan (TTP) attacked a checkpoint. The TTP denied it.",
		[]wantMention{em("Tehrik-i-Taliban Pakistan", "Tehrik-i-Taliban Pakistan", "organization"), em("TTP", "Tehrik-i-Taliban Pakistan", "organization"), em("TTP", "Tehrik-i-Taliban Pakistan", "organization")}, []string{"Militants"}},
	{"acronym defined in text", "The Baloch Raaji Aajoi Sangar (BRAS) claimed the attack. BRAS said more would follow.",
		[]wantMention{em("Baloch Raaji Aajoi Sangar", "Baloch Raaji Aajoi Sangar", "organization"), em("BRAS", "Baloch Raaji Aajoi Sangar", "organization"), em("BRAS", "Baloch Raaji Aajoi Sangar", "organization")}, nil},
	{"OIC", "The deal was supported by the Organization of Islamic Cooperation (OIC).",
		[]wantMention{em("Organization of Islamic Cooperation", "Organization of Islamic Cooperation", "organization")}, nil},
	{"capital actor", "Kabul accused Islamabad of violating its sovereignty.",
		[]wantMention{{surface: "Kabul", name: "Kabul", typ: "place", actor: "Afghanistan"}, {surface: "Islamabad", name: "Islamabad", typ: "place", actor: "Pakistan"}}, nil},
	{"demonym", "Afghan territory must not be used against Turkish interests.",
		[]wantMention{{surface: "Afghan", name: "Afghanistan", typ: "place", actor: "Afghanistan"}, {surface: "Turkish", name: "Turkey", typ: "place", actor: "Turkey"}}, nil},
	{"borders", "Clashes erupted along the Durand Line and the Line of Control.",
		[]wantMention{em("Durand Line", "Durand Line", "place"), em("Line of Control", "Line of Control", "place")}, []string{"Clashes"}},
	{"gaza west bank", "Raids in the West Bank continued as aid trickled into the Gaza Strip.",
		[]wantMention{em("West Bank", "West Bank", "place"), em("Gaza Strip", "Gaza", "place")}, []string{"Raids"}},
	{"un agencies", "UNICEF and the World Food Programme warned of famine, the U.N. said.",
		[]wantMention{em("UNICEF", "UNICEF", "organization"), em("World Food Programme", "World Food Programme", "organization"), em("U.N.", "United Nations", "organization")}, nil},
	{"armed groups", "Hezbollah and Hamas praised the Houthis, while ISIS claimed the bombing.",
		[]wantMention{em("Hezbollah", "Hezbollah", "organization"), em("Hamas", "Hamas", "organization"), em("Houthis", "Houthis", "organization"), em("ISIS", "Islamic State", "organization")}, nil},
	{"alliances", "NATO and the EU backed the ECOWAS plan; the AU abstained.",
		[]wantMention{em("NATO", "NATO", "organization"), em("EU", "European Union", "organization"), em("ECOWAS", "Economic Community of West African States", "organization"), em("AU", "African Union", "organization")}, nil},
	{"appositive role", "Ahmed Rashid, a Lahore-based analyst, said the talks were doomed.",
		[]wantMention{emr("Ahmed Rashid", "Ahmed Rashid", "Lahore-based analyst", "")}, nil},
	{"said X", "“It is over,” said Maria Fernanda Espinosa on Tuesday.",
		[]wantMention{em("Maria Fernanda Espinosa", "Maria Fernanda Espinosa", "person")}, []string{"Tuesday", "It"}},
	{"military rank", "Lt. Gen. Ahmed Sharif Chaudhry briefed reporters in Rawalpindi.",
		[]wantMention{emr("Ahmed Sharif Chaudhry", "Ahmed Sharif Chaudhry", "Lt. Gen.", ""), em("Rawalpindi", "Rawalpindi", "place")}, nil},
	{"secretary general hyphen", "UN Secretary-General Antonio Guterres called for restraint.",
		[]wantMention{emr("Antonio Guterres", "Antonio Guterres", "UN Secretary-General", "United Nations")}, nil},
	{"minister of", "Minister of Foreign Affairs Amir Khan Muttaqi met the delegation.",
		[]wantMention{emr("Amir Khan Muttaqi", "Amir Khan Muttaqi", "Minister of Foreign Affairs", "")}, nil},
	{"particles", "Saudi Crown Prince Mohammed bin Salman received Abu Mohammed al-Jolani.",
		[]wantMention{emr("Mohammed bin Salman", "Mohammed bin Salman", "Saudi Crown Prince", "Saudi Arabia")}, nil},
	{"no junk sentence starts", "However, the talks stalled. The delegates left. Monday was quiet. Security experts warn of more violence.",
		nil, []string{"However", "The", "Monday", "Security"}},
	{"officials not person", "Officials said the border crossing at Torkham was shut. Witnesses said shops were closed.",
		[]wantMention{em("Torkham", "Torkham", "place")}, []string{"Officials", "Witnesses"}},
	{"place head unknown", "Gunmen killed four people in Bajaur district on Sunday.",
		[]wantMention{em("Bajaur", "Bajaur", "place")}, []string{"Gunmen", "Sunday"}},
	{"org head unknown", "The Islamabad High Court adjourned the case. The National Assembly met later.",
		[]wantMention{em("Islamabad High Court", "Islamabad High Court", "organization"), em("National Assembly", "National Assembly", "organization")}, nil},
	{"Taliban government", "The Taliban government rejected the demand.",
		[]wantMention{{surface: "Taliban", name: "Taliban", typ: "organization", actor: "Taliban"}}, nil},
	{"US aliases", "U.S. President Donald Trump spoke with British Prime Minister Keir Starmer.",
		[]wantMention{emr("Donald Trump", "Donald Trump", "U.S. President", "United States"), emr("Keir Starmer", "Keir Starmer", "British Prime Minister", "United Kingdom")}, nil},
	{"honorific surname", "Mr. Asif was not available. Pakistani Defence Minister Khawaja Asif later spoke.",
		[]wantMention{em("Asif", "Khawaja Asif", "person"), em("Khawaja Asif", "Khawaja Asif", "person")}, nil},
	{"hyphenated countries", "The Pakistan-Afghanistan border stayed closed.",
		[]wantMention{em("Pakistan", "Pakistan", "place"), em("Afghanistan", "Afghanistan", "place")}, nil},
	{"state organ actor", "The IDF said it struck Hezbollah targets.",
		[]wantMention{{surface: "IDF", name: "Israel Defense Forces", typ: "organization", actor: "Israel"}, em("Hezbollah", "Hezbollah", "organization")}, nil},
	{"africa", "Sudan's army chief Abdel Fattah al-Burhan rejected talks with the RSF in Jeddah.",
		[]wantMention{emr("Abdel Fattah al-Burhan", "Abdel Fattah al-Burhan", "Sudanese army chief", "Sudan"), em("RSF", "Rapid Support Forces", "organization"), em("Jeddah", "Jeddah", "place")}, nil},
	{"latin america", "Venezuelan President Nicolas Maduro accused Colombia and the United States of plotting.",
		[]wantMention{emr("Nicolas Maduro", "Nicolas Maduro", "Venezuelan President", "Venezuela"), em("Colombia", "Colombia", "place"), em("United States", "United States", "place")}, nil},
	{"age evidence", "Fatima Zahra, 34, fled Khartoum in April.",
		[]wantMention{em("Fatima Zahra", "Fatima Zahra", "person"), em("Khartoum", "Khartoum", "place")}, []string{"April"}},
	{"according to", "According to Ali Karimi, the convoy was hit twice.",
		[]wantMention{em("Ali Karimi", "Ali Karimi", "person")}, nil},
	{"known figures", "Putin and Trump spoke by phone. Erdogan later called Netanyahu.",
		[]wantMention{{surface: "Putin", name: "Vladimir Putin", typ: "person", actor: "Russia"}, {surface: "Trump", name: "Donald Trump", typ: "person", actor: "United States"},
			{surface: "Erdogan", name: "Recep Tayyip Erdoğan", typ: "person", actor: "Turkey"}, {surface: "Netanyahu", name: "Benjamin Netanyahu", typ: "person", actor: "Israel"}}, nil},
	{"known surname inside another name", "Iranian Foreign Minister Abbas Araghchi met Palestinian President Mahmoud Abbas. Abbas thanked him.",
		[]wantMention{emr("Abbas Araghchi", "Abbas Araghchi", "Iranian Foreign Minister", "Iran"), emr("Mahmoud Abbas", "Mahmoud Abbas", "Palestinian President", "Palestine"), em("Abbas", "Mahmoud Abbas", "person")}, nil},
	{"text spelling kept", "UN chief Antonio Guterres spoke. Guterres left.",
		[]wantMention{em("Antonio Guterres", "Antonio Guterres", "person"), em("Guterres", "Antonio Guterres", "person")}, nil},
	{"text person beats known surname", "Iraqi lawmaker Ali Abbas criticised the budget. Abbas said it ignored Basra.",
		[]wantMention{emr("Ali Abbas", "Ali Abbas", "Iraqi lawmaker", "Iraq"), em("Abbas", "Ali Abbas", "person")}, nil},
	{"pakistani politics", "PPP Chairman Bilawal Bhutto-Zardari and JUI-F chief Maulana Fazlur Rehman met PML-N Senator Irfan Siddiqui.",
		[]wantMention{emr("Bilawal Bhutto-Zardari", "Bilawal Bhutto-Zardari", "PPP Chairman", "Pakistan Peoples Party"), emr("Fazlur Rehman", "Fazlur Rehman", "JUI-F chief", ""),
			emr("Irfan Siddiqui", "Irfan Siddiqui", "PML-N Senator", "Pakistan Muslim League-Nawaz")}, nil},
	{"unknown acronym prefix", "TLP leader Saad Rizvi called for a march on Islamabad.",
		[]wantMention{emr("Saad Rizvi", "Saad Rizvi", "TLP leader", "TLP"), em("Islamabad", "Islamabad", "place")}, nil},
	{"shouted datelines", "ISLAMABAD: Talks resumed. NEW DELHI (AP) — India objected.",
		[]wantMention{{surface: "ISLAMABAD", name: "Islamabad", typ: "place", actor: "Pakistan"}, {surface: "NEW DELHI", name: "New Delhi", typ: "place", actor: "India"}, em("India", "India", "place")}, nil},
	{"ambassador to", "Former U.S. Ambassador to Afghanistan Zalmay Khalilzad met Mullah Abdul Ghani Baradar in Doha.",
		[]wantMention{emr("Zalmay Khalilzad", "Zalmay Khalilzad", "U.S. Ambassador to Afghanistan", "United States"), em("Abdul Ghani Baradar", "Abdul Ghani Baradar", "person"), em("Doha", "Doha", "place")}, nil},
	{"role with of the", "Leader of the Opposition Rahul Gandhi met Chief of the Army Staff Asim Munir.",
		[]wantMention{emr("Rahul Gandhi", "Rahul Gandhi", "Leader of the Opposition", ""), emr("Asim Munir", "Asim Munir", "Chief of the Army Staff", "")}, nil},
	{"org with of and place", "Faith Odhiambo, the president of the Law Society of Kenya, said lawyers would help.",
		[]wantMention{em("Faith Odhiambo", "Faith Odhiambo", "person"), em("Law Society of Kenya", "Law Society of Kenya", "organization")}, nil},
	{"demonym surname", "U.N. High Commissioner for Human Rights Volker Turk said the strikes were unlawful.",
		[]wantMention{em("Volker Turk", "Volker Turk", "person")}, nil},
	{"month word inside a name", "Khan Jan Alokozai, a member of the Afghanistan Chamber of Commerce and Investment, urged restraint.",
		[]wantMention{emr("Khan Jan Alokozai", "Khan Jan Alokozai", "member of the Afghanistan Chamber of Commerce and Investment", "Afghanistan"),
			em("Afghanistan Chamber of Commerce and Investment", "Afghanistan Chamber of Commerce and Investment", "organization")}, []string{"Investment"}},
	{"gen z", "Thousands of Gen Z protesters marched on parliament in Kathmandu.",
		[]wantMention{em("Kathmandu", "Kathmandu", "place")}, []string{"Z"}},
	{"family name first", "Chinese President Xi Jinping met Kim Jong Un. Xi praised the ties.",
		[]wantMention{em("Xi Jinping", "Xi Jinping", "person"), em("Xi", "Xi Jinping", "person")}, nil},
	{"nickname alias", "RSF leader Mohamed Hamdan Dagalo, widely known as Hemedti, appeared in a video. Hemedti said the war would end.",
		[]wantMention{emr("Mohamed Hamdan Dagalo", "Mohamed Hamdan Dagalo", "RSF leader", "Rapid Support Forces"), em("Hemedti", "Mohamed Hamdan Dagalo", "person"), em("Hemedti", "Mohamed Hamdan Dagalo", "person")}, nil},
	{"foreign acronym", "The Group for the Support of Islam and Muslims (JNIM) claimed the attack. JNIM fighters burned 40 trucks.",
		[]wantMention{em("Group for the Support of Islam and Muslims", "Group for the Support of Islam and Muslims", "organization"), em("JNIM", "Group for the Support of Islam and Muslims", "organization"), em("JNIM", "Group for the Support of Islam and Muslims", "organization")}, nil},
	{"speaking acronym is org", "State television ORTM reported the decree.",
		[]wantMention{em("ORTM", "ORTM", "organization")}, nil},
	{"pronoun words", "“Nobody has acknowledged anything,” she said. Everyone said so.",
		nil, []string{"Nobody", "Everyone"}},
	{"von der", "European Commission President Ursula von der Leyen spoke. Von der Leyen pledged aid.",
		[]wantMention{emr("Ursula von der Leyen", "Ursula von der Leyen", "European Commission President", "European Commission"), em("Von der Leyen", "Ursula von der Leyen", "person")}, nil},
	{"name with role word inside", "Somali President Hassan Sheikh Mohamud met Kenyan President William Ruto in Nairobi.",
		[]wantMention{emr("Hassan Sheikh Mohamud", "Hassan Sheikh Mohamud", "Somali President", "Somalia"), emr("William Ruto", "William Ruto", "Kenyan President", "Kenya"), em("Nairobi", "Nairobi", "place")}, nil},
}

func TestFindEntitiesTable(t *testing.T) {
	pass, total := 0, 0
	for _, c := range entityCases {
		sents := splitSentences(c.text)
		ments, _ := findEntities(c.text, sents)
		var got []string
		for _, m := range ments {
			got = append(got, fmt.Sprintf("%q=%s/%s role=%q actor=%q", c.text[m.Start:m.End], m.Name, m.Type, m.Role, m.Actor))
		}
		k := 0
		for _, w := range c.want {
			total++
			found := false
			for ; k < len(ments); k++ {
				m := ments[k]
				if c.text[m.Start:m.End] == w.surface && m.Name == w.name && m.Type == w.typ &&
					(w.role == "" || m.Role == w.role) && (w.actor == "" || m.Actor == w.actor) {
					found = true
					k++
					break
				}
			}
			if found {
				pass++
			} else {
				t.Errorf("%s: missing %+v in %s", c.name, w, strings.Join(got, "; "))
				break
			}
		}
		for _, n := range c.not {
			total++
			bad := false
			for _, m := range ments {
				if c.text[m.Start:m.End] == n {
					bad = true
				}
			}
			if bad {
				t.Errorf("%s: junk mention %q in %s", c.name, n, strings.Join(got, "; "))
			} else {
				pass++
			}
		}
	}
	t.Logf("entities: %d/%d checks right", pass, total)
}

func TestAggregateEntities(t *testing.T) {
	text := "Pakistani Defence Minister Khawaja Muhammad Asif met Afghan officials. Asif said Pakistan wants peace. Pakistan and Afghanistan agreed."
	_, ents := findEntities(text, splitSentences(text))
	if len(ents) < 3 {
		t.Fatalf("entities: %+v", ents)
	}
	if ents[0].Text != "Pakistan" && ents[0].Text != "Afghanistan" && ents[0].Text != "Khawaja Muhammad Asif" {
		t.Errorf("first entity %+v", ents[0])
	}
	counts := map[string]int{}
	for _, e := range ents {
		counts[e.Text] = e.Count
	}
	if counts["Khawaja Muhammad Asif"] != 2 || counts["Afghanistan"] != 2 || counts["Pakistan"] != 2 {
		t.Errorf("counts %v", counts)
	}
	for i := 1; i < len(ents); i++ {
		if ents[i].Count > ents[i-1].Count {
			t.Errorf("not sorted by count: %+v", ents)
		}
	}
}

func TestGazetteerLoaded(t *testing.T) {
	n := 0
	for _, es := range gazIndex {
		n += len(es)
	}
	if n < 700 {
		t.Errorf("gazetteer has only %d surface forms", n)
	}
	for _, c := range []string{"Afghanistan", "Zimbabwe", "Tuvalu", "Palestine", "Kyiv", "Pakistani", "NATO", "Hezbollah"} {
		if len(gazIndex[c]) == 0 {
			t.Errorf("gazetteer lacks %q", c)
		}
	}
}

func TestPluralSubjectsAreNotPeople(t *testing.T) {
	text := "Locals said the bridge collapsed. Paramedics said ten were hurt. Democrats said the bill would fail. Campaigners say the law is unjust."
	ments, _ := findEntities(text, splitSentences(text))
	for _, m := range ments {
		if m.Type == "person" {
			t.Errorf("junk person %q", text[m.Start:m.End])
		}
	}
}
