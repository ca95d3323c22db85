/**
 * The shapes of the error vocabulary: the fields an error carries for its words, and what one entry
 * of a language table is. Runs in the page as well as under Node: no imports outside shared/.
 */
import type { ReasonCode } from './codes';

/** The languages keyslot speaks. */
export type Language = 'en' | 'de';

/**
 * The specifics of one error, as data: the words are made from these by the vocabulary, never at
 * the throw site. Never a secret or a PIN. Add a field here when an entry needs a new specific.
 */
export interface ErrorFields {
  /** PIN tries left after a wrong PIN. */
  retriesLeft?: number;
  /** Why, when one code has several causes: a key of the `reasons` tables (errors-en.ts, errors-de.ts). */
  reason?: ReasonCode;
  /**
   * English words of a problem found in what the person gave (problems-en.ts: a name, a secret, a URI),
   * passed on after the code's words as they are; they have no German yet (the problem would have to
   * travel as a key and fields). Never write a sentence here at a throw site: use `reason` and fields.
   */
  hint?: string;
  /** The account an error is about, shown after the words with its `slot`: "(Bank: bob in TOTP 2)". */
  account?: string;
  /** Log reference of an 'unknown' error. */
  ref?: string;
  /** Size of the value at fault, and what the token stores. */
  bytes?: number;
  maxBytes?: number;
  /** A range or count: lowest and highest allowed, or how many. */
  min?: number;
  max?: number;
  count?: number;
  /** A slot as people read it ("TOTP 4"), an account's or slot's name, a field ("name", "password"). */
  slot?: string;
  name?: string;
  field?: string;
  /** A kind of slot or account ("TOTP"), of PIN ("admin"), an algorithm, a value the person typed. */
  kind?: string;
  other?: string;
  algorithm?: string;
  value?: string;
  /** Free words that are data, not prose: a path, a command to run, a time limit ("20 s"). */
  text?: string;
}

/** Chooses the word for a count by the language's plural rules: plural(2, 'try', 'tries') -> 'tries'. */
export type Plural = (n: number, one: string, other: string) => string;

/** One entry: fixed words, or words made from the fields. */
export type Words = string | ((f: ErrorFields, plural: Plural) => string);
