import type { ThesaurusEntry } from '#kernel/module.ts';

/*
 * What people type and what the catalogue calls it. Editors keep a service's own synonyms with the
 * service ("Hundemarke"); this list holds what is true of German administrative language everywhere: short
 * forms ("Perso"), and everyday English for the German services, since the catalogue's texts are German and
 * people new to the country search in English. Each `means` entry is one alternative, its words all
 * required and matched as whole (stemmed) words, so a short form never finds every word that merely begins
 * with it ("Perso" finds the Personalausweis, not "Person").
 */

/** What people type (`say`) and the catalogue's German words for it (`means`). */
export type Synonym = ThesaurusEntry;

/**
 * English words that carry no meaning of their own in a search ("register a dog", "how do I get my
 * passport"); they are left out before a query is matched. None of them is a German word a catalogue
 * text depends on.
 */
export const fillerWords: ReadonlySet<string> = new Set(['a', 'an', 'the', 'my', 'our', 'your', 'to', 'for', 'of', 'in', 'on', 'at', 'i', 'we', 'me', 'how', 'do', 'does', 'can', 'get', 'want', 'need', 'new', 'please', 'apply', 'application', 'request']);

/** Short forms a German speaker uses for the thing itself. */
const shortForms: Synonym[] = [
  { say: ['perso', 'persos'], means: ['personalausweis'] },
  { say: ['pass'], means: ['reisepass'] },
  { say: ['kfz'], means: ['fahrzeug'] },
  { say: ['müllkalender', 'abfuhrkalender', 'abfuhrtermine', 'mülltermine'], means: ['abfallkalender'] },
  { say: ['gelber sack', 'gelbe säcke', 'wertstofftonne'], means: ['gelbe tonne'] },
  // Written as one word, which the German parser keeps whole, while the catalogue writes "Kita-Platz".
  { say: ['kitaplatz', 'kitaplätze', 'kindergartenplatz', 'betreuungsplatz'], means: ['kita platz'] },
];

/** Everyday English for the services of a German municipality. */
const english: Synonym[] = [
  { say: ['id', 'id card', 'identity card', 'national id', 'identity document', 'id document'], means: ['personalausweis'] },
  { say: ['lost id', 'lost id card', 'stolen id', 'stolen id card', 'lost identity card'], means: ['verlust personalausweis'] },
  { say: ['lost passport', 'stolen passport'], means: ['verlust reisepass'] },
  { say: ['temporary id', 'temporary id card', 'emergency id'], means: ['vorläufig personalausweis'] },
  { say: ['passport', 'travel document'], means: ['reisepass'] },
  { say: ['moving', 'moving house', 'move house', 'relocation', 'relocate', 'move to', 'change address', 'change of address', 'new address'], means: ['wohnsitz anmelden', 'umzug'] },
  { say: ['register address', 'address registration', 'registration of address', 'register residence', 'residence registration'], means: ['wohnsitz anmelden'] },
  { say: ['deregister', 'deregistration', 'moving away', 'moving abroad', 'leaving germany', 'emigrate'], means: ['wohnsitz abmelden'] },
  { say: ['registration certificate', 'proof of address', 'proof of residence', 'confirmation of residence'], means: ['meldebescheinigung'] },
  { say: ['certificate of good conduct', 'police certificate', 'criminal record certificate', 'background check'], means: ['führungszeugnis'] },
  { say: ['certified copy', 'certify copy', 'certify signature', 'certification'], means: ['beglaubigen'] },
  { say: ['life certificate', 'proof of life'], means: ['lebensbescheinigung'] },
  { say: ['fishing', 'fishing licence', 'fishing license', 'fishing permit'], means: ['fischereischein'] },
  { say: ['dog', 'dog owner', 'keep dog'], means: ['hund'] },
  { say: ['register dog', 'dog registration', 'dog licence', 'dog license', 'dog tax', 'dog tag'], means: ['hund anmelden', 'hundesteuer'] },
  { say: ['deregister dog', 'dog died', 'give away dog'], means: ['hund abmelden'] },
  { say: ['large dog', 'big dog', 'dangerous dog', 'listed dog'], means: ['großen hund'] },
  { say: ['daycare', 'day care', 'nursery', 'kindergarten', 'childcare', 'child care', 'creche'], means: ['kita'] },
  { say: ['childminder', 'child minder', 'nanny'], means: ['tagespflege'] },
  { say: ['primary school', 'school enrolment', 'school enrollment', 'start school', 'school registration'], means: ['grundschule'] },
  { say: ['secondary school', 'grammar school', 'high school'], means: ['weiterführende schule'] },
  { say: ['school transport', 'school bus', 'school ticket'], means: ['schülerfahrkosten'] },
  { say: ['after school care', 'afternoon care', 'all day school'], means: ['ganztag'] },
  { say: ['child support', 'child maintenance', 'maintenance advance', 'single parent'], means: ['unterhaltsvorschuss'] },
  { say: ['parental allowance', 'parental benefit', 'parental leave'], means: ['elterngeld'] },
  { say: ['birth', 'baby', 'register birth', 'birth registration', 'newborn'], means: ['geburt'] },
  { say: ['birth certificate'], means: ['geburtsurkunde'] },
  { say: ['paternity', 'acknowledge paternity'], means: ['vaterschaft'] },
  { say: ['marriage', 'wedding', 'marry', 'get married', 'getting married', 'civil wedding'], means: ['eheschließung', 'heiraten'] },
  { say: ['marriage certificate'], means: ['eheurkunde'] },
  { say: ['married name', 'change name', 'name change'], means: ['namen eheschließung'] },
  { say: ['death', 'register death', 'someone died', 'bereavement'], means: ['sterbefall', 'todesfall'] },
  { say: ['death certificate'], means: ['sterbeurkunde'] },
  { say: ['funeral', 'burial', 'grave', 'cemetery', 'urn'], means: ['bestattung', 'grabstätte', 'friedhof'] },
  { say: ['bulky waste', 'bulky rubbish', 'bulky item', 'furniture disposal', 'old furniture'], means: ['sperrmüll'] },
  { say: ['bin', 'rubbish bin', 'waste bin', 'trash can', 'garbage can', 'dustbin', 'wheelie bin'], means: ['abfallbehälter', 'mülltonne'] },
  { say: ['yellow bin', 'recycling bin', 'recycling', 'packaging waste'], means: ['gelbe tonne'] },
  { say: ['bin collection', 'waste calendar', 'rubbish collection', 'garbage collection', 'collection dates', 'waste collection'], means: ['abfallkalender'] },
  { say: ['postal vote', 'postal voting', 'vote by post', 'absentee ballot', 'absentee vote'], means: ['briefwahl'] },
  { say: ['car registration', 'register car', 'register vehicle', 'vehicle registration', 'number plate', 'licence plate', 'license plate'], means: ['fahrzeug zulassen'] },
  { say: ['deregister car', 'deregister vehicle', 'scrap car'], means: ['fahrzeug außer betrieb'] },
  { say: ['driving licence', 'driving license', 'driver license', 'drivers license', 'driver licence'], means: ['führerschein'] },
  { say: ['resident parking', 'parking permit', 'residents parking'], means: ['bewohnerparkausweis'] },
  { say: ['no parking zone', 'removal parking', 'moving van parking', 'parking ban'], means: ['halteverbot'] },
  { say: ['business registration', 'register business', 'register company', 'start business', 'trade licence', 'trade license', 'self employed'], means: ['gewerbe anmelden'] },
  { say: ['close business', 'deregister business', 'business closure'], means: ['gewerbe abmelden'] },
  { say: ['street party', 'event permit', 'festival', 'outdoor event'], means: ['veranstaltung'] },
  { say: ['bonfire', 'easter fire', 'easter bonfire'], means: ['osterfeuer'] },
  { say: ['lost property', 'lost and found', 'found property', 'lost item', 'lost key'], means: ['fundsache'] },
  { say: ['property tax', 'land tax'], means: ['grundsteuer'] },
  { say: ['pothole', 'report problem', 'report damage', 'broken street light', 'street light', 'fly tipping'], means: ['mangel melden'] },
  { say: ['housing benefit', 'rent subsidy', 'rent allowance', 'help with rent'], means: ['wohngeld'] },
  { say: ['social housing', 'housing entitlement', 'council flat'], means: ['wohnberechtigungsschein'] },
  { say: ['basic income', 'income support', 'social assistance', 'social welfare'], means: ['grundsicherung'] },
  { say: ['pension', 'retirement'], means: ['rente'] },
  { say: ['disability card', 'disability pass', 'disabled pass', 'disability id', 'severely disabled'], means: ['schwerbehindertenausweis'] },
  { say: ['building permit', 'planning permission', 'building application', 'build house'], means: ['baugenehmigung'] },
  { say: ['demolition', 'demolish'], means: ['abbruch'] },
  { say: ['house number'], means: ['hausnummer'] },
  { say: ['development plan', 'zoning plan', 'land use plan'], means: ['bebauungsplan'] },
  { say: ['volunteer card', 'volunteering', 'volunteer'], means: ['ehrenamtskarte', 'ehrenamt'] },
  { say: ['complaint', 'petition', 'suggestion'], means: ['beschwerde', 'anregung'] },
  { say: ['citizens office', 'citizen office', 'citizens advice', 'town hall', 'city hall'], means: ['bürgerbüro', 'rathaus'] },
  { say: ['registry office', 'register office'], means: ['standesamt'] },
  { say: ['opening hours', 'office hours', 'opening times'], means: ['öffnungszeiten'] },
];

export const synonyms: readonly Synonym[] = [...shortForms, ...english];
