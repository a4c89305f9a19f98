import Type, { type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });

export const FormParams = Type.Object({ formKey: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,79}$' }) });
export type FormParams = Static<typeof FormParams>;

export const DraftParams = Type.Object({ draftId: Uuid });
export const DraftPageParams = Type.Object({ draftId: Uuid, pageId: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }) });
export const ResumeParams = Type.Object({ draftId: Uuid, secret: Type.String({ pattern: '^[A-Za-z0-9_-]{20,64}$' }) });
export const CaseParams = Type.Object({ caseId: Uuid });

/** `?aendern=1`: the page was opened from "check your answers", so saving goes back there. */
/** `leicht`: the switch to Leichte Sprache (`1`) and back (`0`), `http.easy.ts`. */
export const EasyQuery = Type.Object({ leicht: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) });
export const PageQuery = Type.Object({ aendern: Type.Optional(Type.Literal('1')), leicht: EasyQuery.properties.leicht });

/** Any page of a form: its inputs are the definition's, read and checked by the form's reader, not here. */
export const PageBody = Type.Record(Type.String({ maxLength: 100 }), Type.Union([Type.String({ maxLength: 100_000 }), Type.Array(Type.String({ maxLength: 100_000 }), { maxItems: 500 })]), { maxProperties: 1000 });

export const SubmitBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), declared: Type.Optional(Type.String({ maxLength: 10 })) });
export const SaveBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), email: Type.Optional(Type.String({ maxLength: 1000 })) });

/** The session warning's button: where to come back to without JavaScript. */
export const SessionBody = Type.Optional(Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), zurueck: Type.Optional(Type.String({ maxLength: 300 })) }));
