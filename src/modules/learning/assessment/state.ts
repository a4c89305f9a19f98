import { answerSteps, type Answer, type Answers } from './scoring.ts';
import { competenceCodes, isCompetenceCode } from './digcomp.ts';

/*
 * A guest's answers travel with the form from page to page, signed by the platform (the cookie signer's
 * key), so nothing is kept on the server and nobody can hand in answers the pages did not give. The value
 * is compact: the version, whether Leichte Sprache was chosen, and one digit per answered competence.
 */

export interface AssessmentState {
  /** Leichte Sprache: the questions and the result in easy words. */
  easy: boolean;
  answers: Answers;
}

export interface Signer {
  sign(value: string): string;
  unsign(signed: string): { valid: boolean; value: string | null };
}

const version = 'v1';

/** "v1.e.1.1=2,1.2=0": version, `e` for Leichte Sprache or `p` for plain German, the answers. */
export function encodeState(state: AssessmentState): string {
  const answers = competenceCodes.flatMap((code) => (state.answers[code] === undefined ? [] : [`${code}=${state.answers[code]}`]));
  return `${version}.${state.easy ? 'e' : 'p'}.${answers.join(',')}`;
}

export function decodeState(text: string): AssessmentState | undefined {
  const match = /^v1\.([ep])\.((?:\d\.\d=\d)(?:,\d\.\d=\d)*)?$/.exec(text);
  if (!match) return undefined;
  const answers: Answers = {};
  for (const pair of match[2] ? match[2].split(',') : []) {
    const [code, step] = pair.split('=') as [string, string];
    const answer = Number(step);
    if (!isCompetenceCode(code) || !(answerSteps as readonly number[]).includes(answer) || answers[code] !== undefined) return undefined;
    answers[code] = answer as Answer;
  }
  return { easy: match[1] === 'e', answers };
}

export const signState = (signer: Signer, state: AssessmentState) => signer.sign(encodeState(state));

/** The state a form sent back, or undefined when its signature does not hold (a changed or made-up value). */
export function readSignedState(signer: Signer, signed: string): AssessmentState | undefined {
  const opened = signer.unsign(signed);
  return opened.valid && opened.value !== null ? decodeState(opened.value) : undefined;
}
