/** The outcome of parsing user input: a value, or a problem sentence naming the field at fault (style guide §3). */

/** Which piece of user input a problem is about, as the CLI and the app name it. */
export type InputField = 'secret' | 'uri' | 'type' | 'algorithm' | 'digits' | 'period' | 'counter' | 'name' | 'slot';

/** A refusal: `problem` is a sentence for a person and never contains the secret. */
export interface InputProblem {
  ok: false;
  problem: string;
  field: InputField;
}

/** A parse result: `{ ok: true, value }` or an {@link InputProblem}. */
export type Parsed<T> = { ok: true; value: T } | InputProblem;

/** Builds an {@link InputProblem}. */
export function problem(field: InputField, text: string): InputProblem {
  return { ok: false, problem: text, field };
}
