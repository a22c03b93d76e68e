package summarize

import (
	"fmt"
	"strings"
	"testing"
)

// wantQuote is one expected quotation: a substring of its text, the
// speaker (exact; "" = no speaker expected), a substring of the role and
// whether it is partial.
type wantQuote struct {
	text, speaker, role string
	partial             bool
}

func q(text, speaker string) wantQuote { return wantQuote{text: text, speaker: speaker} }
func qp(text, speaker string) wantQuote {
	return wantQuote{text: text, speaker: speaker, partial: true}
}
func qr(text, speaker, role string) wantQuote {
	return wantQuote{text: text, speaker: speaker, role: role}
}

// quotesOf runs the quote stage the way Analyze does: sentences, then
// entities, then quotes.
func quotesOf(text string) []Quote {
	sents := splitSentences(text)
	ments, _ := findEntities(text, sents)
	return findQuotes(text, sents, ments)
}

// speakerCase expects a quote containing quote, attributed to speaker.
type speakerCase struct{ text, quote, speaker string }

// checkSpeakers checks that each case yields a quote containing c.quote,
// with offsets that slice the text, attributed to c.speaker.
func checkSpeakers(t *testing.T, cases []speakerCase) {
	t.Helper()
	for _, c := range cases {
		got := quotesOf(c.text)
		found := false
		for _, g := range got {
			if c.text[g.Start:g.End] != g.Text {
				t.Errorf("%q: offsets [%d:%d] do not slice %q", c.quote, g.Start, g.End, g.Text)
			}
			if strings.Contains(g.Text, c.quote) {
				found = true
				if g.Speaker != c.speaker {
					t.Errorf("%q: speaker %q, want %q", c.quote, g.Speaker, c.speaker)
				}
			}
		}
		if !found {
			t.Errorf("%q not found in %+v", c.quote, got)
		}
	}
}

var quoteCases = []struct {
	name string
	text string
	want []wantQuote
}{
	{"X said after", `“We will not accept any foreign interference,” Iranian Foreign Minister Abbas Araghchi said on Monday.`,
		[]wantQuote{qr("We will not accept any foreign interference", "Abbas Araghchi", "Iranian Foreign Minister")}},
	{"said X inverted", `"The ceasefire is holding," said Ahmed Rashid, a Lahore-based analyst.`,
		[]wantQuote{qr("The ceasefire is holding", "Ahmed Rashid", "analyst")}},
	{"X says present", `“Our patience is running out,” Kenyan President William Ruto says.`,
		[]wantQuote{qr("Our patience is running out", "William Ruto", "Kenyan President")}},
	{"colon before", `Ukrainian President Volodymyr Zelenskiy said: "Russia must be forced into peace."`,
		[]wantQuote{qr("Russia must be forced into peace.", "Volodymyr Zelenskiy", "Ukrainian President")}},
	{"comma before", `Speaking in Geneva, UN Secretary-General Antonio Guterres said, “The world cannot look away.”`,
		[]wantQuote{qr("The world cannot look away.", "Antonio Guterres", "Secretary-General")}},
	{"according to", `According to army spokesman Brigadier Nabil Fadel, “the rebels fled the town before dawn.”`,
		[]wantQuote{wantQuote{text: "the rebels fled the town", speaker: "Nabil Fadel", partial: true}}},
	{"told reporters", `“There will be no talks under fire,” Israeli Prime Minister Benjamin Netanyahu told reporters in Jerusalem.`,
		[]wantQuote{qr("There will be no talks under fire", "Benjamin Netanyahu", "Prime Minister")}},
	{"statement office", `President Bola Tinubu ordered troops to the region. “Nigeria will protect every citizen,” his office said in a statement.`,
		[]wantQuote{q("Nigeria will protect every citizen", "Bola Tinubu's office")}},
	{"pronoun he", `Pakistani Foreign Minister Ishaq Dar arrived in Kabul on Sunday. “We want good neighbourly relations,” he said.`,
		[]wantQuote{qr("We want good neighbourly relations", "Ishaq Dar", "Foreign Minister")}},
	{"pronoun she", `German Foreign Minister Annalena Baerbock met Chinese Foreign Minister Wang Yi in Beijing. Ms. Baerbock pressed him on Taiwan. “Dialogue matters,” she said.`,
		[]wantQuote{q("Dialogue matters", "Annalena Baerbock")}},
	{"role back-reference minister", `Indian External Affairs Minister S. Jaishankar met the envoy in New Delhi. “Terrorism cannot be normalised,” the minister added.`,
		[]wantQuote{q("Terrorism cannot be normalised", "S. Jaishankar")}},
	{"role back-reference spokesman", `Hamas spokesman Hazem Qassem rejected the proposal on Tuesday. "It is an attempt to impose surrender," the spokesman said.`,
		[]wantQuote{qr("It is an attempt to impose surrender", "Hazem Qassem", "Hamas spokesman")}},
	{"split quote", `“We have made progress,” Qatari Prime Minister Mohammed bin Abdulrahman Al Thani said, “but a deal is not yet within reach.”`,
		[]wantQuote{q("We have made progress", "Mohammed bin Abdulrahman Al Thani"), q("but a deal is not yet within reach.", "Mohammed bin Abdulrahman Al Thani")}},
	{"partial in sentence", `Kremlin spokesman Dmitry Peskov described the sanctions as “economic aggression” against Russia.`,
		[]wantQuote{qp("economic aggression", "Dmitry Peskov")}},
	{"partial after said that", `Sudanese army chief Abdel Fattah al-Burhan said that the paramilitaries would face “total defeat” within weeks.`,
		[]wantQuote{qp("total defeat", "Abdel Fattah al-Burhan")}},
	{"multi paragraph", "Colombian President Gustavo Petro addressed the crowd in Bogota. “We will not return to war.\n\n“Peace is the only road for Colombia,” he said.",
		[]wantQuote{q("We will not return to war.", "Gustavo Petro"), q("Peace is the only road for Colombia", "Gustavo Petro")}},
	{"continuation paragraph", "“The strikes hit civilian homes,” said Tedros Adhanom Ghebreyesus, the WHO director-general.\n\n“Hospitals are overwhelmed. Medicine is running out.”",
		[]wantQuote{q("The strikes hit civilian homes", "Tedros Adhanom Ghebreyesus"), q("Hospitals are overwhelmed", "Tedros Adhanom Ghebreyesus")}},
	{"org speaker", `“The attack was carried out by our fighters,” Al-Shabaab said in a statement posted online.`,
		[]wantQuote{q("The attack was carried out by our fighters", "Al-Shabaab")}},
	{"capital speaker", `Beijing called the visit “a dangerous provocation” and summoned the envoy.`,
		[]wantQuote{qp("a dangerous provocation", "Beijing")}},
	{"generic officials", `“The bridge was destroyed overnight,” local officials said.`,
		[]wantQuote{q("The bridge was destroyed overnight", "local officials")}},
	{"straight quotes", `"We are ready to resume talks," Armenian Prime Minister Nikol Pashinyan told a news conference in Yerevan.`,
		[]wantQuote{qr("We are ready to resume talks", "Nikol Pashinyan", "Armenian Prime Minister")}},
	{"appositive role", `Mohammed Ali, a spokesman for the Sudanese Red Crescent, said: “Bodies are still under the rubble.”`,
		[]wantQuote{qr("Bodies are still under the rubble.", "Mohammed Ali", "spokesman")}},
	{"surname only later", `Venezuelan opposition leader Maria Corina Machado urged supporters to stay calm. “We have won,” Machado said.`,
		[]wantQuote{q("We have won", "Maria Corina Machado")}},
	{"participle adding", `Turkish Defence Minister Yasar Guler said the drills were routine, adding that Ankara had “no hostile intent”.`,
		[]wantQuote{qp("no hostile intent", "Yasar Guler")}},
	{"scare quote dropped", `The so-called “peace plan” was never published.`, nil},
	{"question quote", `“Who will rebuild our homes?” asked Fatima Hassan, a resident of Khan Younis.`,
		[]wantQuote{q("Who will rebuild our homes?", "Fatima Hassan")}},
	{"wrote on X", `“Ukraine will never recognise the occupation,” Foreign Minister Andrii Sybiha wrote on X.`,
		[]wantQuote{qr("Ukraine will never recognise the occupation", "Andrii Sybiha", "Foreign Minister")}},
	{"title Mr", `Mr. Khan told a rally in Lahore that the election was “stolen”.`,
		[]wantQuote{qp("stolen", "Khan")}},
	{"single quotes", `Bangladeshi interim leader Muhammad Yunus promised a ‘free and fair’ vote.`,
		[]wantQuote{qp("free and fair", "Muhammad Yunus")}},
	{"two speakers", `“We are committed to the truce,” Lebanese Prime Minister Nawaf Salam said. Hezbollah leader Naim Qassem warned: "Our patience has limits."`,
		[]wantQuote{q("We are committed to the truce", "Nawaf Salam"), q("Our patience has limits.", "Naim Qassem")}},
	{"he after two people", `Russian President Vladimir Putin met Indian Prime Minister Narendra Modi in Moscow. Putin praised the ties. “Our friendship is time-tested,” he said.`,
		[]wantQuote{q("Our friendship is time-tested", "Vladimir Putin")}},
	{"they said group", `The Houthis claimed the attack on the tanker. “Our operations will continue until the aggression stops,” they said.`,
		[]wantQuote{q("Our operations will continue", "Houthis")}},
	{"said with time and place", `“We will rebuild Gaza,” Egyptian President Abdel Fattah el-Sisi said on Wednesday in Cairo.`,
		[]wantQuote{q("We will rebuild Gaza", "Abdel Fattah el-Sisi")}},
	{"quote before verb later clause", `“The border will remain closed,” Afghan Defence Ministry spokesman Enayatullah Khwarazmi said, warning of retaliation.`,
		[]wantQuote{qr("The border will remain closed", "Enayatullah Khwarazmi", "spokesman")}},
	{"guillemets", `Le président Emmanuel Macron a dit «nous sommes en guerre».`,
		[]wantQuote{qp("nous sommes en guerre", "Emmanuel Macron")}},
	{"told agency", `"There were no casualties," a police official told AFP.`,
		[]wantQuote{q("There were no casualties", "police official")}},
	{"ministry said", `“The embassy will remain open,” Pakistan’s Foreign Office said.`,
		[]wantQuote{q("The embassy will remain open", "Pakistan’s Foreign Office")}},
	{"partial then full", `Congolese President Felix Tshisekedi called the accord “historic”. “It ends decades of suffering,” he said.`,
		[]wantQuote{qp("historic", "Felix Tshisekedi"), q("It ends decades of suffering", "Felix Tshisekedi")}},
}

func TestFindQuotesTable(t *testing.T) {
	pass := 0
	total := 0
	for _, c := range quoteCases {
		got := quotesOf(c.text)
		for _, g := range got {
			if c.text[g.Start:g.End] != g.Text {
				t.Errorf("%s: offsets [%d:%d] do not slice %q", c.name, g.Start, g.End, g.Text)
			}
		}
		ok := len(got) == len(c.want)
		var msg []string
		for i, w := range c.want {
			total++
			if i >= len(got) {
				msg = append(msg, fmt.Sprintf("missing %q", w.text))
				ok = false
				continue
			}
			g := got[i]
			if !strings.Contains(g.Text, w.text) || g.Speaker != w.speaker || !strings.Contains(g.Role, w.role) || g.Partial != w.partial {
				msg = append(msg, fmt.Sprintf("got %q by %q (%q) partial=%v; want %q by %q (%q) partial=%v",
					g.Text, g.Speaker, g.Role, g.Partial, w.text, w.speaker, w.role, w.partial))
				ok = false
				continue
			}
			pass++
		}
		if len(got) > len(c.want) {
			for _, g := range got[len(c.want):] {
				msg = append(msg, fmt.Sprintf("extra %q by %q", g.Text, g.Speaker))
			}
		}
		if !ok {
			t.Errorf("%s: %s", c.name, strings.Join(msg, "; "))
		}
	}
	t.Logf("quotes: %d/%d expected quotes right", pass, total)
}

var quoteCasesHard = []struct {
	name string
	text string
	want []wantQuote
}{
	{"multi sentence quote", `“We are ready. But the other side must stop shelling first,” Azerbaijani presidential aide Hikmet Hajiyev said.`,
		[]wantQuote{q("We are ready. But the other side must stop shelling first", "Hikmet Hajiyev")}},
	{"nested single", `“He told me ‘go home or die’,” said Amina Yusuf, a displaced mother in El Fasher.`,
		[]wantQuote{q("He told me ‘go home or die’", "Amina Yusuf")}},
	{"the group said", `Hamas released a statement on Friday. “We accept the mediators’ proposal,” the group said.`,
		[]wantQuote{q("We accept the mediators’ proposal", "Hamas")}},
	{"diplomat generic", `“The talks are on life support,” a senior Western diplomat said.`,
		[]wantQuote{q("The talks are on life support", "senior Western diplomat")}},
	{"verb before name with title", `“The vote was rigged,” said opposition leader Raila Odinga.`,
		[]wantQuote{qr("The vote was rigged", "Raila Odinga", "opposition leader")}},
	{"new speaker second para", "Chinese foreign ministry spokesperson Mao Ning rejected the claims.\n\n“The Philippines must stop its provocations,” Mao said at a regular briefing.",
		[]wantQuote{qr("The Philippines must stop its provocations", "Mao Ning", "spokesperson")}},
	{"US president role", `“We are going to get it done,” U.S. President Donald Trump told reporters aboard Air Force One.`,
		[]wantQuote{qr("We are going to get it done", "Donald Trump", "U.S. President")}},
	{"stray mark", `The minister said "the vote will go ahead and left the hall.`, nil},
	{"age appositive", `“My sons were taken at night,” said Khadija Omar, 52, in Mogadishu.`,
		[]wantQuote{q("My sons were taken at night", "Khadija Omar")}},
	{"quote after according to X comma", `The strike killed at least 12 people, according to Gaza's civil defence agency, which said “most of them were children.”`,
		[]wantQuote{qp("most of them were children.", "Gaza's civil defence agency")}},
	{"he said after role intro", "Israel’s Defence Minister Israel Katz said troops would stay in the buffer zone.\n\n“We will not withdraw,” he said.",
		[]wantQuote{q("We will not withdraw", "Israel Katz")}},
	{"partial by X verb after", `Security in the capital was “under control”, the interior ministry said.`,
		[]wantQuote{qp("under control", "interior ministry")}},
	{"continued", `“This is a historic day for Syria,” Syrian President Ahmed al-Sharaa said. “We open a new page,” he continued.`,
		[]wantQuote{q("This is a historic day for Syria", "Ahmed al-Sharaa"), q("We open a new page", "Ahmed al-Sharaa")}},
	{"quote with dash attribution", `“Enough is enough” — that was the message from protest leader Sanjida Akter.`,
		[]wantQuote{q("Enough is enough", "")}},
	{"org acronym speaker", `“Civilians are paying the price,” the ICRC said in a statement.`,
		[]wantQuote{q("Civilians are paying the price", "International Committee of the Red Cross")}},
	{"she with female title", `Former Prime Minister Sheikh Hasina denied the charges in a letter. Her lawyer, Zaid Bin Amjad, called the trial “a farce”. “She will never accept this verdict,” he said.`,
		[]wantQuote{qp("a farce", "Zaid Bin Amjad"), q("She will never accept this verdict", "Zaid Bin Amjad")}},
	{"they said officials", `“We found three mass graves,” officials in Darfur told reporters.`,
		[]wantQuote{q("We found three mass graves", "officials")}},
	{"straight multi para", "\"The offensive will continue until Hamas is destroyed.\n\n\"There is no other option,\" Israeli army spokesman Avichay Adraee said.",
		[]wantQuote{q("The offensive will continue", "Avichay Adraee"), q("There is no other option", "Avichay Adraee")}},
	{"reporting verb warned", `“Any attack will be met with a decisive response,” Iran's Supreme Leader Ayatollah Ali Khamenei warned.`,
		[]wantQuote{qr("Any attack will be met with a decisive response", "Ali Khamenei", "Supreme Leader")}},
	{"two quotes one sentence two speakers", `Peskov called the plan “unworkable”, while Ukrainian Foreign Minister Andrii Sybiha called it “a step forward”.`,
		[]wantQuote{qp("unworkable", "Dmitry Peskov"), qp("a step forward", "Andrii Sybiha")}},
}

func TestFindQuotesHard(t *testing.T) {
	pass, total := 0, 0
	for _, c := range quoteCasesHard {
		got := quotesOf(c.text)
		var msg []string
		ok := len(got) == len(c.want)
		for i, w := range c.want {
			total++
			if i >= len(got) {
				msg = append(msg, fmt.Sprintf("missing %q", w.text))
				ok = false
				continue
			}
			g := got[i]
			if !strings.Contains(g.Text, w.text) || g.Speaker != w.speaker || !strings.Contains(g.Role, w.role) || g.Partial != w.partial {
				msg = append(msg, fmt.Sprintf("got %q by %q (%q) partial=%v; want %q by %q (%q) partial=%v",
					g.Text, g.Speaker, g.Role, g.Partial, w.text, w.speaker, w.role, w.partial))
				ok = false
				continue
			}
			pass++
		}
		for _, g := range got[min(len(got), len(c.want)):] {
			msg = append(msg, fmt.Sprintf("extra %q by %q", g.Text, g.Speaker))
		}
		if !ok {
			t.Errorf("%s: %s", c.name, strings.Join(msg, "; "))
		}
	}
	t.Logf("hard quotes: %d/%d expected quotes right", pass, total)
}

func TestFindQuotesMore(t *testing.T) {
	cases := []speakerCase{
		{`“The operation will continue,” Reuters quoted army spokesman Yahya Saree as saying.`, "The operation will continue", "Yahya Saree"},
		{`“The election will be held on time,” Prime Minister Shehbaz Sharif’s office said.`, "The election will be held on time", "Shehbaz Sharif's office"},
		{`“We will respond,” Pakistani officials said.`, "We will respond", "Pakistani officials"},
		{`"We are investigating," police said.`, "We are investigating", "police"},
		{`“Talks will resume next week,” said Nabih Berri, who speaks for Hezbollah in the negotiations.`, "Talks will resume next week", "Nabih Berri"},
		{`Nabih Berri, who heads the Lebanese parliament, said: “The truce must hold.”`, "The truce must hold.", "Nabih Berri"},
		{`Ethiopian Prime Minister Abiy Ahmed told parliament that Ethiopia “will not go to war” over sea access.`, "will not go to war", "Abiy Ahmed"},
		{`“There is no military solution,” the EU’s foreign policy chief Kaja Kallas said.`, "There is no military solution", "Kaja Kallas"},
		{`Mexican President Claudia Sheinbaum called the tariffs “unacceptable”.`, "unacceptable", "Claudia Sheinbaum"},
		{"Philippine President Ferdinand Marcos Jr. spoke in Manila.\n\n“We will defend every inch of our territory,” Marcos said.", "We will defend every inch", "Ferdinand Marcos Jr."},
	}
	checkSpeakers(t, cases)
}

func TestFindQuotesMarksAndForms(t *testing.T) {
	cases := []speakerCase{
		{"``We will not surrender,'' Yemeni Prime Minister Salem bin Breik said.", "We will not surrender", "Salem bin Breik"},
		{"'We will fight on,' the rebels' commander Hassan Daw told the BBC.", "We will fight on", "Hassan Daw"},
		{"Sri Lankan President Anura Kumara Dissanayake said the IMF's terms were 'very harsh' for the poor.", "very harsh", "Anura Kumara Dissanayake"},
		{`"The vote was free and fair," according to election commission chief Mahbub Talukdar.`, "The vote was free and fair", "Mahbub Talukdar"},
		{`Thai Prime Minister Anutin Charnvirakul was quoted as saying that Bangkok would "never give up an inch" of its territory.`, "never give up an inch", "Anutin Charnvirakul"},
		{"The rebels' demands were rejected. 'It is over,' said Hassan.", "It is over", "Hassan"},
	}
	checkSpeakers(t, cases)
}

func TestFindQuotesIntroductions(t *testing.T) {
	cases := []speakerCase{
		{"Taliban spokesman Zabihullah Mujahid spoke in Kabul. “The border is open,” Mujahid, who is also the deputy information minister, told a press conference on Sunday.", "The border is open", "Zabihullah Mujahid"},
		{"“The strikes will continue,” said one senior official, speaking on condition of anonymity.", "The strikes will continue", "senior official"},
		{"Iraqi Prime Minister Mohammed Shia al-Sudani met the envoy. The prime minister was blunt: “Iraq will not be a battlefield.”", "Iraq will not be a battlefield.", "Mohammed Shia al-Sudani"},
		{"The ministry was clear: “No visas will be issued.”", "No visas will be issued.", "ministry"},
		{"The president, who spoke by phone with his Russian counterpart on Monday, said the call was “productive”.", "productive", "president"},
		{"Kagame dismissed the report. “These are lies,” the Rwandan president said.", "These are lies", "Paul Kagame"},
		{"North Korea's KCNA news agency quoted Kim Yo Jong as saying Seoul's overtures were “a pipe dream”.", "a pipe dream", "Kim Yo Jong"},
		{"A European diplomat familiar with the talks said the Iranian side had offered “nothing concrete” in Geneva.", "nothing concrete", "European diplomat"},
		{"One French diplomat, speaking on condition of anonymity, described the move as “expected but brutal.”", "expected but brutal.", "French diplomat"},
		{"The junta accused the company of “predatory practices” and of “acting against the interests of the people.”", "acting against the interests", "junta"},
		{"Niger ordered the French nuclear group Orano to leave. Orano said it would appeal. “We have always respected the law,” the group said in a statement.", "We have always respected the law", "Orano"},
		{"The head of the UN agency for Palestinian refugees, Philippe Lazzarini, said: “Gaza has become a graveyard for children.”", "Gaza has become a graveyard", "Philippe Lazzarini"},
		{"“The decision is final,” Qatar’s Prime Minister and Foreign Minister Sheikh Mohammed bin Abdulrahman Al Thani said.", "The decision is final", "Mohammed bin Abdulrahman Al Thani"},
		{"The opposition leader, Rahul Gandhi, accused the government of “stealing votes”.", "stealing votes", "Rahul Gandhi"},
		{"Taliban spokesman Zabihullah Mujahid said on Saturday the talks had failed.\n\n“We did our best, but the other side was not serious.”", "We did our best", "Zabihullah Mujahid"},
		{"The talks failed on Saturday. Kabul blamed Islamabad.\n\n“We did our best.”", "We did our best", ""},
		{"Haitian police chief Normil Rameau toured the district on Monday.\n\n“We are taking back the streets, one by one.”", "We are taking back the streets", "Normil Rameau"},
		{"Senate Democratic leader Chuck Schumer called the deal “far from perfect” but said it was better than a shutdown that would hurt “millions of working families.”", "millions of working families.", "Chuck Schumer"},
		{"Some progressives were furious. \"We caved,\" Sen. Elizabeth Warren, D-Mass., told reporters.", "We caved", "Elizabeth Warren"},
		{"Trump praised Sharaa as “a tough guy” who had “a very rough past” but said he was the right person to rebuild Syria.", "a very rough past", "Donald Trump"},
		{"Law Minister Azam Nazeer Tarar defended the changes in parliament. \"This amendment strengthens the institutions of the state,\" he said.", "This amendment strengthens", "Azam Nazeer Tarar"},
		{"Parliament passed the amendment, a move critics call the final step in what they describe as a \"hybrid regime\".", "hybrid regime", "critics"},
		{"Senegal's Prime Minister Ousmane Sonko on Wednesday accused the International Monetary Fund of \"blackmail\" over hidden debt.", "blackmail", "Ousmane Sonko"},
		{"Mujahid, speaking to Tolo News, said: “Our soil will not be used against anyone.”", "Our soil will not be used", "Mujahid"},
		{"“It’s a good deal for America,” Trump wrote on Truth Social, adding that China had agreed to buy soybeans.", "It’s a good deal for America", "Donald Trump"},
		{"“This is not the end,” Khamenei was quoted as saying by state media.", "This is not the end", "Ali Khamenei"},
		{"Pakistan’s Foreign Office spokesperson Mumtaz Zahra Baloch told a weekly briefing that Islamabad had raised the issue with Kabul, which she said had “failed to act”.", "failed to act", "Mumtaz Zahra Baloch"},
		{"Somali President Hassan Sheikh Mohamud was defiant: “We will not negotiate with al-Shabaab.”", "We will not negotiate", "Hassan Sheikh Mohamud"},
	}
	checkSpeakers(t, cases)
}

func TestPronounGender(t *testing.T) {
	text := "Philippine Vice President Sara Duterte met Chinese envoy Huang Xilian in Manila. Huang later left for Beijing.\n\n“I will not be silenced,” she said."
	got := quotesOf(text)
	if len(got) != 1 || got[0].Speaker != "Sara Duterte" {
		t.Errorf("got %+v, want Sara Duterte", got)
	}
	text = "Finnish Prime Minister Petteri Orpo met German Chancellor Friedrich Merz. Merz spoke first. “We are united,” he said."
	got = quotesOf(text)
	if len(got) != 1 || got[0].Speaker != "Friedrich Merz" {
		t.Errorf("got %+v, want Friedrich Merz", got)
	}
}

func TestQuoteLineParagraphs(t *testing.T) {
	text := "Kenyan President William Ruto spoke in Nairobi.\n“We will not be intimidated.\n“Kenya will hold its ground,” he said."
	got := quotesOf(text)
	if len(got) != 2 || got[0].Text != "We will not be intimidated." || got[1].Text != "Kenya will hold its ground" ||
		got[0].Speaker != "William Ruto" || got[1].Speaker != "William Ruto" {
		t.Errorf("got %+v", got)
	}
}

// TestQuoteBackReferences covers pronouns and role words across paragraphs
// with several people in play.
func TestQuoteBackReferences(t *testing.T) {
	cases := []struct {
		text string
		want [][2]string // quote substring, speaker
	}{
		{"Indian Prime Minister Narendra Modi hosted Sri Lankan President Anura Kumara Dissanayake in New Delhi on Monday.\n\nThe two leaders signed a defence pact. “India will always be Sri Lanka’s first responder,” Modi said.\n\nDissanayake thanked India for its support during the economic crisis. “We will never allow our territory to be used against India,” he said.",
			[][2]string{{"first responder", "Narendra Modi"}, {"We will never allow", "Anura Kumara Dissanayake"}}},
		{"Bangladesh’s interim government said the election would take place in February. Law adviser Asif Nazrul told reporters the date was “final”.\n\n“There will be no further delay,” the adviser said.",
			[][2]string{{"final", "Asif Nazrul"}, {"There will be no further delay", "Asif Nazrul"}}},
		{"Ghana’s President John Mahama said the country would renegotiate its IMF deal.\n\n“We cannot tax our people into poverty,” Mahama said at a rally in Accra. “The programme must be adjusted.”\n\nFinance Minister Cassiel Ato Forson said talks with the fund would begin next month. “We are confident,” the minister said.",
			[][2]string{{"We cannot tax", "John Mahama"}, {"The programme must be adjusted.", "John Mahama"}, {"We are confident", "Cassiel Ato Forson"}}},
		{"“The situation is under control,” police chief Mohammed Abdullahi said, adding that 20 people had been arrested.\n\nBut residents disputed his account. “They are lying. The shooting continued all night,” said one resident, who asked not to be named.",
			[][2]string{{"under control", "Mohammed Abdullahi"}, {"They are lying", "resident"}}},
		{"Ukrainian Foreign Minister Andrii Sybiha and his Polish counterpart Radoslaw Sikorski met in Warsaw. Sikorski said Poland would keep supplying arms. “Ukraine’s security is our security,” he said.",
			[][2]string{{"Ukraine’s security is our security", "Radoslaw Sikorski"}}},
	}
	for _, c := range cases {
		got := quotesOf(c.text)
		if len(got) != len(c.want) {
			t.Errorf("got %d quotes, want %d: %+v", len(got), len(c.want), got)
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(got[i].Text, w[0]) || got[i].Speaker != w[1] {
				t.Errorf("quote %d: got %q by %q, want %q by %q", i, got[i].Text, got[i].Speaker, w[0], w[1])
			}
		}
	}
}

func TestQuoteItThey(t *testing.T) {
	cases := [][3]string{
		{"The Taliban seized Kabul in 2021. Pakistan rejected the report on Friday. “We reject these baseless allegations,” it said.", "We reject these baseless allegations", "Pakistan"},
		{"Hamas said on Sunday it had received the proposal. “We are studying it positively,” it said in a statement.", "We are studying it positively", "Hamas"},
	}
	for _, c := range cases {
		got := quotesOf(c[0])
		if len(got) != 1 || !strings.Contains(got[0].Text, c[1]) || got[0].Speaker != c[2] {
			t.Errorf("got %+v, want %q by %q", got, c[1], c[2])
		}
	}
}

// TestQuotesUSStyle covers American newspaper conventions: Mr./Mrs. with a
// surname, party-state tags, Senate and House titles, campaign roles.
func TestQuotesUSStyle(t *testing.T) {
	cases := [][2]string{
		{"“We will win this state,” Mr. Trump told supporters in Ohio.", "Donald Trump"},
		{"“This is a dangerous precedent,” said Sen. Ted Cruz (R-Texas).", "Ted Cruz"},
		{"Rep. Adam Schiff, D-Calif., said the report was “deeply troubling.”", "Adam Schiff"},
		{"“The polls are wrong,” Trump campaign manager Kellyanne Conway told CNN.", "Kellyanne Conway"},
		{"“I have never seen anything like it,” said Senate Majority Leader Mitch McConnell, R-Ky.", "Mitch McConnell"},
		{"White House press secretary Karoline Leavitt told reporters the president was “very happy” with the deal.", "Karoline Leavitt"},
		{"In an interview with Fox News, Vance said Europe had “lost its way”.", "JD Vance"},
	}
	for _, c := range cases {
		got := quotesOf(c[0])
		if len(got) != 1 || got[0].Speaker != c[1] {
			t.Errorf("%q: got %+v, want speaker %q", c[0], got, c[1])
		}
	}
}

func TestNamesAreNotQuotes(t *testing.T) {
	for _, text := range []string{
		"Pakistani army chief Asim Munir led Operation “Bunyanum Marsoos” against India.",
		"Michael Wolff's book “Fire and Fury” angered the White House.",
		"The so-called “peace plan” was never published.",
		"The so-called \"27th Amendment\" also created a new court.",
		"Supporters of Imran Khan trended the hashtag “#ReleaseImranKhan” on Sunday.",
		"The vessel, the tanker “Sounion”, was hit in the Red Sea, Greek Prime Minister Kyriakos Mitsotakis said.",
	} {
		if got := quotesOf(text); len(got) != 0 {
			t.Errorf("%q: got %+v, want no quote", text, got)
		}
	}
}

func TestPluralSources(t *testing.T) {
	text := "“The bridge fell at night,” locals said. “We counted ten bodies,” paramedics told AFP."
	got := quotesOf(text)
	if len(got) != 2 || got[0].Speaker != "locals" || got[1].Speaker != "paramedics" {
		t.Errorf("got %+v", got)
	}
}
