package summarize

import "strings"

// Word lists shared by the entity and quote finders. All keys are lower
// case; lookups lower-case the token and drop a trailing period.

// roleHeads are nouns that name a person's office or function: a role
// phrase must contain one ("Defence Minister", "spokesperson", "Lt. Gen.").
var roleHeads = wordSet(
	"president", "president-elect", "minister", "premier", "chancellor", "spokesperson", "spokesman",
	"spokeswoman", "secretary", "envoy", "ambassador", "official", "leader", "chief", "head", "commander",
	"general", "gen", "colonel", "col", "lieutenant", "lt", "major", "maj", "captain", "capt", "admiral",
	"adm", "marshal", "sergeant", "sgt", "brigadier", "brig", "king", "queen", "prince", "princess", "emir", "sheikh", "sultan", "ayatollah", "governor", "gov", "mayor", "senator", "sen", "rep",
	"representative", "lawmaker", "legislator", "mp", "congressman", "congresswoman", "speaker",
	"chairman", "chairwoman", "chair", "chairperson", "director", "coordinator", "negotiator", "mediator",
	"adviser", "advisor", "aide", "counsellor", "counselor", "attorney", "prosecutor", "judge",
	"justice", "magistrate", "pope", "cardinal", "archbishop", "bishop", "imam", "cleric", "rabbi", "pastor", "professor", "analyst", "researcher", "expert", "lawyer",
	"activist", "journalist", "correspondent", "editor", "economist", "strategist", "diplomat",
	"commissioner", "ombudsman", "ceo", "founder", "executive", "candidate", "nominee", "monarch",
	"rapporteur", "representative", "deputy", "officer", "spokespeople", "vice-president", "vice-chancellor",
	"administrator", "superintendent", "inspector", "prefect", "governor-general", "secretary-general",
	"director-general", "commander-in-chief", "taoiseach", "chief-of-staff", "negotiator", "premier",
	"crown-prince", "patriarch", "mediator", "veteran", "scholar", "fellow", "historian", "politician",
	"counterpart", "whip", "member", "manager", "strategist", "pollster", "premier", "vice-premier", "chief-justice", "director-general", "commissioner-general",
)

// sourceNouns head a phrase naming an unnamed source: "one resident", "a
// senior official", "local officials", "witnesses".
var sourceNouns = wordSet("official", "officials", "resident", "residents", "witness", "witnesses",
	"eyewitness", "villager", "villagers", "survivor", "survivors", "source", "sources", "diplomat",
	"diplomats", "analyst", "analysts", "expert", "experts", "police", "authorities", "ministers",
	"leaders", "statement", "mother", "father", "farmer", "shopkeeper", "student", "students", "doctor",
	"doctors", "nurse", "teacher", "worker", "workers", "soldier", "soldiers", "fighter", "fighters",
	"commander", "member", "members", "relative", "relatives", "neighbour", "neighbor", "protester",
	"protesters", "activist", "activists", "spokesperson", "spokesman", "spokeswoman", "organisers",
	"organizers", "lawmaker", "lawmakers", "legislator", "officer", "officers", "medic", "medics",
	"rescuer", "rescuers", "volunteer", "volunteers", "aide", "aides", "insider", "insiders", "person",
	"people", "man", "woman", "driver", "trader", "journalist", "journalists", "lawyer", "lawyers",
	"powers", "countries", "nations", "governments", "allies", "partners", "members", "mediators",
	"negotiators", "government", "company", "group", "communique", "communiqué", "decree", "junta",
	"regime", "military", "presidency", "vendor", "seller", "shopper", "passenger", "pilgrim", "rebels", "militants", "opposition", "insurgents", "prosecutors", "wing", "bloc", "faction", "camp")

// orgNouns introduce an organisation's name: "the French nuclear group
// Orano", "the rebel group M23", "broadcaster Geo News".
var orgNouns = wordSet("group", "company", "firm", "giant", "operator", "broadcaster", "outlet", "agency",
	"party", "movement", "militia", "network", "organisation", "organization", "newspaper", "daily",
	"channel", "bank", "airline", "carrier", "insurer", "lender", "miner", "producer", "manufacturer",
	"maker", "startup", "charity", "ngo", "coalition", "alliance", "outfit", "faction", "conglomerate")

// roleMods may precede or follow a head inside a role phrase.
var roleMods = wordSet(
	"deputy", "vice", "acting", "former", "interim", "chief", "senior", "foreign", "defence", "defense",
	"interior", "finance", "prime", "information", "home", "external", "affairs", "state", "army",
	"military", "police", "security", "national", "supreme", "crown", "field", "special", "top", "junior",
	"federal", "provincial", "regional", "general", "lieutenant", "major", "brigadier", "government",
	"presidential", "party", "opposition", "trade", "energy", "health", "education", "justice", "economy",
	"economic", "water", "oil", "labour", "labor", "agriculture", "culture", "religious", "intelligence",
	"navy", "naval", "air", "force", "political", "bureau", "media", "spokesperson", "press", "foreign-policy",
	"human", "rights", "humanitarian", "relief", "legal", "retired", "first", "second", "lead", "principal",
	"permanent", "parliamentary", "executive", "managing", "commerce", "planning", "petroleum",
	"power", "transport", "communications", "environment", "climate", "refugees", "overseas",
	"public", "women", "youth", "industry", "border", "counterterrorism", "counter-terrorism", "nuclear",
	"armed", "forces", "staff", "joint", "chiefs", "development", "aid", "cabinet", "administration",
	"regime", "ministry", "office", "council", "communication", "communications", "strategic",
	"treasury", "minister", "de", "facto", "assistant", "associate", "undersecretary", "under",
	"high", "visiting", "independent", "local", "district", "tribal", "village", "elder", "provincial",
	"u.n", "un", "eu", "nato", "white", "house", "kremlin", "majority", "minority", "senate", "junta", "rebel", "militia", "militant", "union",
	"coalition", "movement", "tribe", "clan", "law", "railways", "aviation", "housing", "industries",
	"textiles", "maritime", "ports", "shipping", "food", "tourism", "sports", "science", "technology",
	"telecom", "telecommunications", "social", "welfare", "revenue", "tax", "fisheries", "irrigation",
	"mines", "mining", "broadcasting", "privatisation", "privatization", "investment", "planning",
	"immigration", "veterans", "homeland", "transportation", "agriculture", "interior", "campaign", "communications", "policy",
)

// roleConnectors may join role words: "Minister of State for Foreign
// Affairs", "Secretary of State", "Commander-in-Chief".
var roleConnectors = wordSet("of", "for", "in", "-", "and", "on")

// honorifics precede a name without being a role.
var honorifics = wordSet("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "madam", "hon", "haji", "hajji",
	"barrister", "advocate", "engr", "engineer", "maulana", "mufti", "mullah", "hafiz", "qari", "allama")

// femaleCues mark a person (by title or role word) as female for "she".
var femaleCues = wordSet("mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "spokeswoman",
	"chairwoman", "congresswoman", "businesswoman", "woman", "sister", "mother", "widow", "wife", "daughter")

// nameParticles are lower-case parts of personal and group names.
var nameParticles = wordSet("bin", "bint", "ibn", "al", "el", "ul", "ud", "de", "da", "di", "du", "van", "von",
	"der", "den", "del", "della", "la", "le", "dos", "das", "e", "y", "ben", "abu", "bte", "binti")

// orgHeads end (or begin) the name of an organisation.
var orgHeads = wordSet(
	"ministry", "council", "party", "army", "front", "movement", "organization", "organisation",
	"committee", "commission", "agency", "bank", "court", "assembly", "parliament", "senate", "congress",
	"forces", "force", "brigade", "brigades", "battalion", "union", "authority", "office", "institute",
	"university", "league", "alliance", "group", "corps", "guard", "guards", "police", "service",
	"services", "department", "cabinet", "government", "foundation", "fund", "association",
	"federation", "network", "coalition", "board", "bureau", "centre", "center", "command",
	"directorate", "secretariat", "tribunal", "company", "corporation", "inc", "ltd", "times", "post",
	"news", "press", "radio", "tv", "television", "channel", "division", "regiment", "navy", "militia",
	"jirga", "shura", "mission", "programme", "program", "observatory", "initiative", "institution",
	"academy", "school", "college", "hospital", "tribune", "herald", "journal", "daily", "gazette",
	"airways", "airlines", "group", "club", "society", "majlis", "knesset", "duma", "diet", "cortes",
	"bundestag", "senate", "caucus", "taskforce", "conference", "summit", "forum", "chamber",
)

// nameLikeStops are stop words that also occur inside personal names
// ("Khan Jan Alokozai", "Theresa May" is a surname case handled elsewhere).
var nameLikeStops = wordSet("jan", "may", "june", "april", "august", "will", "young", "long", "king")

// placeHeads follow a place name in lower case: "Kunar province".
var placeHeads = wordSet("province", "district", "region", "city", "county", "village", "town", "valley",
	"camp", "governorate", "oblast", "prefecture", "state", "area", "neighbourhood", "neighborhood",
	"border", "crossing", "river", "mountains", "island", "islands", "port", "airport", "tehsil", "agency",
	"division", "municipality", "suburb", "refugee", "enclave", "corridor", "strip", "peninsula", "desert")

// stopCaps are capitalised words that never start an entity: sentence
// openers, pronouns, weekdays, months and plural common nouns that open
// "Officials said" style sentences.
var stopCaps = func() map[string]bool {
	m := wordSet(
		"the", "a", "an", "this", "that", "these", "those", "however", "but", "and", "or", "so", "yet",
		"he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your",
		"in", "on", "at", "by", "for", "from", "with", "without", "after", "before", "during", "despite",
		"although", "though", "while", "when", "if", "as", "according", "meanwhile", "also", "earlier",
		"later", "last", "next", "some", "many", "most", "both", "each", "several", "no", "not", "yes",
		"there", "here", "what", "who", "whom", "why", "how", "where", "which", "whose", "one", "two",
		"three", "four", "five", "six", "seven", "eight", "nine", "ten", "all", "any", "every", "other",
		"another", "such", "still", "now", "then", "today", "yesterday", "tomorrow", "tonight", "separately",
		"elsewhere", "instead", "thus", "therefore", "moreover", "furthermore", "indeed", "nevertheless",
		"nonetheless", "since", "until", "unless", "because", "once", "under", "over", "about", "against",
		"between", "among", "amid", "through", "into", "onto", "upon", "within", "across", "around",
		"toward", "towards", "up", "down", "out", "off", "just", "only", "even", "again", "already",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "officials", "police", "witnesses", "residents", "analysts", "critics",
		"experts", "sources", "authorities", "observers", "protesters", "protestors", "rebels",
		"militants", "troops", "soldiers", "doctors", "medics", "rescuers", "activists", "diplomats",
		"lawmakers", "prosecutors", "investigators", "organisers", "organizers", "others", "people",
		"officers", "villagers", "families", "relatives", "survivors", "voters", "supporters",
		"opponents", "leaders", "ministers", "negotiators", "mediators", "talks", "tensions", "relations",
		"security", "peace", "war", "dialogue", "military", "regional", "local", "international",
		"national", "political", "government", "state", "federal", "breaking", "update", "updated",
		"exclusive", "analysis", "opinion", "editorial", "photo", "video", "watch", "read", "more",
		"reporting", "editing", "writing", "additional", "source", "sources", "correction", "note",
		"please", "thank", "thanks", "dear", "hello", "oh", "well", "okay", "ok", "let", "let's", "do",
		"does", "did", "is", "are", "was", "were", "be", "been", "will", "would", "can", "could",
		"should", "must", "may", "might", "shall", "have", "has", "had", "mr", "mrs", "ms", "dr",
		"chapter", "section", "part", "page", "figure", "table", "step", "phase", "round", "day", "week",
		"month", "year", "morning", "afternoon", "evening", "night", "spring", "summer", "autumn",
		"winter", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
		"central", "new", "old", "first", "second", "third", "final", "latest", "former", "ex",
		"nobody", "everyone", "everybody", "someone", "somebody", "anyone", "anybody", "none", "nothing",
		"everything", "something", "anything", "whoever", "whatever", "us", "them", "him", "me",
		"locals", "paramedics", "hospitals", "agencies", "groups", "campaigners", "demonstrators",
		"students", "workers", "farmers", "traders", "scientists", "researchers", "economists", "lawyers",
		"judges", "teachers", "parents", "mothers", "fathers", "women", "men", "children", "refugees",
		"migrants", "settlers", "pilots", "sailors", "fighters", "gunmen", "attackers", "assailants",
		"kidnappers", "insurgents", "jihadists", "extremists", "separatists", "loyalists", "hardliners",
		"democrats", "republicans", "conservatives", "liberals", "citizens", "tribesmen", "elders",
		"clerics", "monks", "priests", "nurses", "engineers", "inspectors", "monitors", "envoys",
		"delegates", "delegations", "senators", "legislators", "mps", "members", "forces", "militias",
		"medics", "rescuers", "volunteers", "journalists", "reporters", "bloggers", "users", "residents",
		"shopkeepers", "vendors", "passengers", "pilgrims", "prisoners", "detainees", "hostages",
	)
	for k := range roleHeads {
		m[k] = true
	}
	return m
}()

// reportingVerbs introduce or close a quotation. The value marks forms
// ending in -ing, whose subject may be the main clause's subject
// ("..., Mujahid said, stressing that ...").
var reportingVerbs = func() map[string]bool {
	m := map[string]bool{}
	bases := []string{
		"say:said:says:saying", "tell:told:tells:telling", "add:added:adds:adding",
		"state:stated:states:stating", "note:noted:notes:noting", "stress:stressed:stresses:stressing",
		"insist:insisted:insists:insisting", "warn:warned:warns:warning", "explain:explained:explains:explaining",
		"claim:claimed:claims:claiming", "declare:declared:declares:declaring",
		"announce:announced:announces:announcing", "confirm:confirmed:confirms:confirming",
		"deny:denied:denies:denying", "argue:argued:argues:arguing", "assert:asserted:asserts:asserting",
		"acknowledge:acknowledged:acknowledges:acknowledging", "admit:admitted:admits:admitting",
		"allege:alleged:alleges:alleging", "accuse:accused:accuses:accusing", "blame:blamed:blames:blaming",
		"call:called:calls:calling", "describe:described:describes:describing", "term:termed:terms:terming",
		"dub:dubbed:dubs:dubbing", "label:labelled:labeled:labels:labelling:labeling",
		"urge:urged:urges:urging", "vow:vowed:vows:vowing", "pledge:pledged:pledges:pledging",
		"promise:promised:promises:promising", "threaten:threatened:threatens:threatening",
		"reiterate:reiterated:reiterates:reiterating", "repeat:repeated:repeats:repeating",
		"emphasise:emphasised:emphasises:emphasising", "emphasize:emphasized:emphasizes:emphasizing",
		"underline:underlined:underlines:underlining", "underscore:underscored:underscores:underscoring",
		"write:wrote:writes:writing:written", "post:posted:posts:posting", "tweet:tweeted:tweets:tweeting",
		"reply:replied:replies:replying", "respond:responded:responds:responding",
		"answer:answered:answers:answering", "ask:asked:asks:asking", "recall:recalled:recalls:recalling",
		"predict:predicted:predicts:predicting", "suggest:suggested:suggests:suggesting",
		"express:expressed:expresses:expressing", "voice:voiced:voices:voicing",
		"complain:complained:complains:complaining", "lament:lamented:laments:lamenting",
		"praise:praised:praises:praising", "condemn:condemned:condemns:condemning",
		"criticise:criticised:criticises:criticising", "criticize:criticized:criticizes:criticizing",
		"hail:hailed:hails:hailing", "welcome:welcomed:welcomes:welcoming", "demand:demanded:demands:demanding",
		"appeal:appealed:appeals:appealing", "concede:conceded:concedes:conceding",
		"conclude:concluded:concludes:concluding", "continued",
		"remark:remarked:remarks:remarking", "observe:observed:observes:observing",
		"mention:mentioned:mentions:mentioning", "report:reported:reports:reporting",
		"shout:shouted:shouts:shouting", "chant:chanted:chants:chanting", "cry:cried:cries:crying",
		"quip:quipped:quips:quipping", "joke:joked:jokes:joking", "declare:declared",
		"point:pointed:points:pointing", "tell:told", "testify:testified:testifies:testifying",
		"inform:informed:informs:informing", "brief:briefed:briefs:briefing", "caution:cautioned:cautions:cautioning",
		"contend:contended:contends:contending", "maintain:maintained:maintains:maintaining",
		"affirm:affirmed:affirms:affirming", "charge:charged:charges:charging", "boast:boasted:boasts:boasting",
		"plead:pleaded:pleads:pleading", "reject:rejected:rejects:rejecting", "dismiss:dismissed:dismisses:dismissing",
		"characterise:characterised:characterises:characterising", "characterize:characterized:characterizes:characterizing",
		"whisper:whispered:whispers:whispering", "scream:screamed:screams:screaming", "recount:recounted:recounts:recounting",
		"signal:signalled:signaled:signals:signalling:signaling", "acknowledge:acknowledged",
		"stress:stressed", "reveal:revealed:reveals:revealing", "disclose:disclosed:discloses:disclosing",
		"exclaim:exclaimed:exclaims:exclaiming", "retort:retorted:retorts:retorting", "insist:insisted",
		"agree:agreed:agrees:agreeing", "estimate:estimated:estimates:estimating", "believe:believed:believes:believing",
		"think:thought:thinks:thinking", "feel:felt:feels:feeling", "hope:hoped:hopes:hoping",
		"fear:feared:fears:fearing", "accept:accepted:accepts:accepting", "tout:touted:touts:touting",
		"decry:decried:decries:decrying", "slam:slammed:slams:slamming", "blast:blasted:blasts:blasting",
		"highlight:highlighted:highlights:highlighting",
	}
	for _, b := range bases {
		for _, f := range strings.Split(b, ":") {
			m[f] = strings.HasSuffix(f, "ing")
		}
	}
	// Forms that are far more often nouns in news copy ("state television",
	// "reports", "a call", "demands") do not introduce quotations.
	for _, f := range strings.Fields(`state states point points post posts brief briefs charge charges
		report reports note notes answer answers appeal appeals fear fears hope hopes signal signals
		demand demands claim claims cry cries estimate estimates joke jokes remark remarks voice voices
		promise promises pledge pledges call calls welcome tweet tweets mention mentions label labels
		term terms dub reply replies vow vows warning warnings briefing reporting posting writing
		feeling thinking hoping fearing signaling signalling charging`) {
		delete(m, f)
	}
	return m
}()

// speechNouns head a noun phrase that stands for a speaker's statement:
// "his office", "the ministry", "a statement".
var officeNouns = wordSet("office", "spokesman", "spokeswoman", "spokesperson", "ministry", "government",
	"administration", "aides", "aide", "campaign", "team", "lawyer", "lawyers", "camp", "family", "party")

// auxWords may stand between a subject and its reporting verb.
var auxWords = wordSet("also", "later", "has", "had", "have", "was", "were", "is", "are", "would", "will",
	"had", "previously", "repeatedly", "further", "then", "earlier", "separately", "again", "once",
	"publicly", "privately", "reportedly", "recently", "himself", "herself", "themselves", "itself",
	"did", "does", "do", "not", "never", "subsequently", "quickly", "simply", "flatly", "firmly",
	"strongly", "angrily", "bluntly", "clearly", "openly", "formally", "officially", "immediately",
	"already", "even", "still", "could", "might", "may", "should", "shall", "can", "being", "been")

// objectWords that put a mention out of subject position for pronoun
// resolution ("a meeting with Prime Minister Shehbaz Sharif").
var objectWords = wordSet("with", "to", "by", "from", "of", "for", "against", "about", "at", "on", "in",
	"into", "between", "among", "toward", "towards", "under", "over", "and", "met", "meet", "meeting",
	"visit", "visited", "called", "urged", "told", "than", "near", "across", "outside", "inside", "around",
	"through", "via", "off", "beyond", "within")

// roleKey lower-cases a token and drops a trailing period ("Gen." -> "gen").
func roleKey(s string) string {
	s = strings.TrimSuffix(s, ".")
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// adjCaps are capitalised adjectives that may open an organisation's name
// ("National Assembly", "Supreme Court", "Central Bank") though they are
// stop words on their own.
var adjCaps = wordSet("security", "military", "regional", "political", "government", "state", "federal",
	"national", "international", "local", "new", "north", "south", "east", "west", "northern", "southern",
	"eastern", "western", "central", "supreme", "high", "first", "peace", "war", "islamic", "united",
	"democratic", "popular", "people's", "free", "royal", "general", "joint", "special", "revolutionary")

// femaleNames are common female given names in international news, so "she"
// finds its antecedent when no title or role word shows the gender. Written
// for sitrep; extend freely.
var femaleNames = wordSet(
	"Mary", "Maria", "María", "Marie", "Anna", "Ana", "Anne", "Ann", "Angela", "Annalena", "Ursula", "Kaja",
	"Kamala", "Hillary", "Nancy", "Elizabeth", "Liz", "Theresa", "Margaret", "Giorgia", "Marine", "Claudia",
	"Xiomara", "Dina", "Yulia", "Kristalina", "Christine", "Benazir", "Maryam", "Fatima", "Fatema",
	"Aisha", "Ayesha", "Amina", "Khadija", "Zainab", "Mariam", "Maryam", "Noor", "Nour", "Leila", "Layla",
	"Sara", "Sarah", "Rania", "Hanan", "Huda", "Hind", "Samira", "Yasmin", "Yasmine", "Salma", "Shirin",
	"Shireen", "Nasrin", "Narges", "Malala", "Sima", "Roya", "Hina", "Sherry", "Shazia", "Sania", "Bushra",
	"Asma", "Aliya", "Aliyah", "Indira", "Sonia", "Priyanka", "Nirmala", "Mamata", "Smriti", "Sushma",
	"Pratibha", "Droupadi", "Sheikha", "Hasina", "Khaleda", "Yingluck", "Paetongtarn", "Megawati",
	"Retno", "Hsiao", "Jacinda", "Julia", "Penny", "Ellen", "Joyce", "Samia", "Sahle-Work",
	"Ngozi", "Amina", "Graça", "Winnie", "Folake", "Chimamanda", "Linda", "Susan", "Karen", "Jennifer",
	"Jessica", "Emily", "Emma", "Olivia", "Sophie", "Sophia", "Catherine", "Katherine", "Kate", "Caroline",
	"Charlotte", "Victoria", "Helen", "Helena", "Irina", "Olga", "Natalia", "Natalya", "Tatiana", "Svetlana",
	"Elena", "Yelena", "Valentina", "Maia", "Salome", "Zuzana", "Beata", "Ewa", "Agnieszka", "Mette",
	"Sanna", "Magdalena", "Erna", "Ingrid", "Greta", "Roberta", "Ursula", "Isabel", "Isabella",
	"Carmen", "Lucia", "Laura", "Dilma", "Cristina", "Michelle", "Patricia", "Delcy", "Corina", "Gabriela",
	"Daniela", "Paula", "Luisa", "Rosa", "Rosario", "Marta", "Martha", "Nadia", "Nadine", "Samantha",
	"Linda", "Antonia", "Tulsi", "Kristi", "Juliette", "Clementine", "Yolande", "Kholood", "Somsri",
	"Ishrat", "Farah", "Dalia", "Reem", "Lina", "Rasha", "Noura", "Iman", "Eman", "Ruth", "Rachel", "Esther",
	"Miriam", "Tzipi", "Golda", "Ayelet", "Orit", "Merav", "Meirav", "Hadas", "Lama", "Mai", "Ngoc", "Yoko",
	"Yuriko", "Sanae", "Jacqueline",
)

// pluralSources are plural nouns for groups of people: never an entity on
// their own ("Locals said"), but an unnamed source when they speak.
var pluralSources = strings.Fields(`locals paramedics campaigners demonstrators students workers farmers
	traders scientists researchers economists lawyers judges teachers parents mothers fathers women men
	children refugees migrants settlers pilots sailors fighters gunmen attackers insurgents jihadists
	separatists loyalists hardliners democrats republicans conservatives liberals citizens tribesmen
	elders clerics monks priests nurses engineers inspectors monitors envoys delegates senators
	legislators members medics rescuers volunteers journalists reporters residents shopkeepers vendors
	passengers pilgrims prisoners detainees hostages officials witnesses analysts experts critics
	activists protesters diplomats villagers survivors relatives families supporters opponents doctors`)

func init() {
	for _, w := range pluralSources {
		stopCaps[w] = true
		sourceNouns[w] = true
	}
}
