import type { FormDefinition } from '../definition/schema.ts';
import bewohnerparkausweis from './bewohnerparkausweis.json' with { type: 'json' };
import hundesteuerAnmeldung from './hundesteuer-anmeldung.json' with { type: 'json' };
import kitaPlatz from './kita-platz.json' with { type: 'json' };
import kontakt from './kontakt.json' with { type: 'json' };
import meldebescheinigung from './meldebescheinigung.json' with { type: 'json' };
import sondernutzung from './sondernutzung.json' with { type: 'json' };
import sperrmuell from './sperrmuell.json' with { type: 'json' };

/*
 * The application forms the platform ships, as data a form designer can later change like any other
 * definition. How long each keeps a closed case, and why:
 *
 * - hundesteuer-anmeldung, 10 years: the registration underlies every yearly assessment for as long as the
 *   dog is kept, and each assessment can still be changed four years after the end of its year (§ 169 AO,
 *   applied to municipal taxes by § 12 KAG NRW); ten years covers the usual life of a dog with its keeper.
 * - bewohnerparkausweis, 3 years: a permit is issued for a limited time; three years cover its period of
 *   validity, the renewal that compares against it and an objection to the fee.
 * - sperrmuell, 180 days: the collection happens within three months of booking; half a year leaves room
 *   for a missed collection and questions about the fee, and nothing of it matters afterwards.
 * - meldebescheinigung, 1 year: the register itself keeps the registration; the case only shows who asked
 *   for a confirmation and where it went, which a year answers for (complaints, fee questions).
 * - sondernutzung, 3 years: damage to the road found after the use can be claimed within the regular
 *   limitation period of three years (§ 195 BGB), and a repeat application builds on the last one.
 * - kita-platz, 2 years: a registration counts for the Kita year it asks for and the allocation round after
 *   it; a family that still needs a place later registers anew.
 * - kontakt, 1 year: long enough for a follow-up question to find the earlier message, short enough that
 *   messages about matters long settled do not pile up.
 */
// JSON imports widen their literals; the forms' test checks every one against the schema.
export const shippedForms = [hundesteuerAnmeldung, bewohnerparkausweis, sperrmuell, meldebescheinigung, sondernutzung, kitaPlatz, kontakt] as FormDefinition[];
