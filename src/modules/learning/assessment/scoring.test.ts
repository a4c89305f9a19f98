import { describe, expect, it } from 'vitest';
import { competenceCodes } from './digcomp.ts';
import { areaProfile, competencesToLearn, profile, type Answers } from './scoring.ts';
import { decodeState, encodeState, readSignedState, signState, type Signer } from './state.ts';

const everyAnswer = (step: 0 | 1 | 2 | 3 | 4): Answers => Object.fromEntries(competenceCodes.map((code) => [code, step]));

describe('scoring the self-assessment', () => {
  it('gives each area the band nearest the mean of its answers', () => {
    expect(profile(everyAnswer(0)).map((area) => area.band)).toEqual(['start', 'start', 'start', 'start', 'start']);
    expect(profile(everyAnswer(2)).map((area) => area.band)).toEqual(['intermediate', 'intermediate', 'intermediate', 'intermediate', 'intermediate']);
    expect(profile(everyAnswer(4)).map((area) => area.band)).toEqual(Array(5).fill('highly-specialised'));
    // Area 1: (1 + 2 + 2) / 3 = 1.67, nearer intermediate; area 4: (0 + 1 + 1 + 0) / 4 = 0.5, a half rounds up.
    const answers: Answers = { '1.1': 1, '1.2': 2, '1.3': 2, '4.1': 0, '4.2': 1, '4.3': 1, '4.4': 0 };
    expect(areaProfile(answers, '1')).toEqual({ area: '1', score: 5 / 3, band: 'intermediate', answered: 3, questions: 3 });
    expect(areaProfile(answers, '4')).toEqual({ area: '4', score: 0.5, band: 'foundation', answered: 4, questions: 4 });
  });

  it('leaves out skipped questions, and an area with none answered has no profile', () => {
    expect(areaProfile({ '2.1': 3 }, '2')).toEqual({ area: '2', score: 3, band: 'advanced', answered: 1, questions: 6 });
    expect(areaProfile({ '2.1': 3 }, '3')).toEqual({ area: '3', score: null, band: null, answered: 0, questions: 4 });
  });

  it('lists the competences to learn, weakest first, in the framework’s order among equals', () => {
    expect(competencesToLearn({ '4.2': 1, '1.1': 2, '2.3': 0, '1.2': 1, '5.1': 0, '3.4': 4 })).toEqual(['2.3', '5.1', '1.2', '4.2']);
    expect(competencesToLearn(everyAnswer(2))).toEqual([]);
  });
});

describe('the answers carried in the form', () => {
  const signer: Signer = {
    sign: (value) => `${value}.sig`,
    unsign: (signed) => (signed.endsWith('.sig') ? { valid: true, value: signed.slice(0, -4) } : { valid: false, value: null }),
  };

  it('round-trip the register and every answer', () => {
    const state = { easy: true, answers: { '1.1': 0, '2.6': 4, '5.4': 2 } as Answers };
    expect(encodeState(state)).toBe('v1.e.1.1=0,2.6=4,5.4=2');
    expect(decodeState(encodeState(state))).toEqual(state);
    expect(decodeState('v1.p.')).toEqual({ easy: false, answers: {} });
    expect(readSignedState(signer, signState(signer, state))).toEqual(state);
  });

  it('refuse a value whose signature does not hold, an unknown competence, a step off the scale or a repeated answer', () => {
    expect(readSignedState(signer, 'v1.p.1.1=2.forged')).toBeUndefined();
    for (const bad of ['v1.p.6.1=2', 'v1.p.1.1=5', 'v1.p.1.1=2,1.1=3', 'v2.p.', 'v1.x.', 'v1.p.1.1=2,', '']) expect(decodeState(bad), bad).toBeUndefined();
  });
});
