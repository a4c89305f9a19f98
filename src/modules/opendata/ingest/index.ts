export { inspect, typedRows } from './inspect.ts';
export { describeProblem } from './report.ts';
export { fieldName } from './names.ts';
export { problemTypes } from './types.ts';
export type { IngestFormat, Inspection, InspectOptions, OpenFile, ParsingOptions, Problem, ProblemType, RowValue, RowValues, ValidationReport } from './types.ts';
